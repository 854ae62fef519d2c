// Small helpers shared by the pages: building elements, the page header, sign-in checks, showing problems next
// to the fields they concern, tables (with suppressed cells marked, never shown as zero) and formatting.
import { caller, signOut, ApiError } from './api.js';

/** Creates an element: h('td', { class: 'num' }, '12'). Attributes starting with "on" become listeners. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    // Through the CSSOM: the Content-Security-Policy (style-src 'self') refuses style attributes.
    else if (k === 'style') el.style.cssText = v;
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces an element's children, leaving out null/false (replaceChildren would write them as text). */
export function fill(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false));
  return el;
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

let idCounter = 0;
export const uid = prefix => `${prefix}-${++idCounter}`;

/** The pages each role works on; the public verification page is open to everyone. */
export const PAGES = [
  { href: 'focal-point.html', label: 'Station reports', roles: ['focal_point'] },
  { href: 'reviewer.html', label: 'Review', roles: ['reviewer'] },
  { href: 'training.html', label: 'Training', roles: ['training_officer'] },
  { href: 'admin.html', label: 'Administration', roles: ['administrator'] },
  { href: 'dashboard.html', label: 'Dashboard', roles: ['oversight', 'analyst', 'administrator'] },
  { href: 'audit.html', label: 'Audit', roles: ['oversight', 'administrator'] },
  { href: 'verify.html', label: 'Verify a certificate', roles: null },
];

export const ROLE_NAMES = {
  focal_point: 'Gender focal point',
  reviewer: 'Reviewer',
  training_officer: 'Training officer',
  oversight: 'Oversight board',
  analyst: 'Analyst',
  administrator: 'Administrator',
};

export function homeOf(role) {
  return PAGES.find(p => p.roles?.includes(role))?.href || 'index.html';
}

/**
 * Where to go after signing in: only a page of this suite, given as a path from the site root ("/reviewer.html?x=1").
 * A scheme, a second leading slash or any backslash could send the visitor to another site (browsers read "\\host"
 * and "/\host" as "//host"), so anything else - and anything that resolves to another origin - is refused.
 */
export function safeNext(next) {
  if (typeof next !== 'string' || !next.startsWith('/') || next.includes('//') || next.includes('\\') || /[\u0000-\u001f\u007f]/.test(next)) return null;
  try {
    return new URL(next, location.origin).origin === location.origin ? next : null;
  } catch {
    return null;
  }
}

/** Draws the header with the navigation for the signed-in role. */
export function header(current) {
  const who = caller();
  const links = PAGES.filter(p => p.roles === null || (who && p.roles.includes(who.role)));
  const nav = h('nav', { 'aria-label': 'Pages' },
    links.map(p => h('a', { href: p.href, 'aria-current': p.href === current ? 'page' : undefined }, p.label)));
  const right = who
    ? h('div', { class: 'who' },
        h('span', {}, `${who.name} · ${ROLE_NAMES[who.role] || who.role}${scopeText(who)}`),
        h('button', { type: 'button', onclick: () => { signOut(); location.href = 'index.html'; } }, 'Sign out'))
    : h('div', { class: 'who' }, h('a', { href: 'index.html', style: 'color:inherit' }, 'Sign in'));
  const top = h('header', { class: 'top' },
    h('a', { class: 'skip', href: '#main' }, 'Skip to content'),
    h('a', { class: 'brand', href: who ? homeOf(who.role) : 'index.html' }, 'Gender Architecture'),
    nav, right);
  document.body.prepend(top);
}

function scopeText(who) {
  const scope = [...who.units, who.institution].filter(Boolean);
  return scope.length ? ` (${scope.join(', ')})` : '';
}

/** Sends a signed-out visitor (or one with another role) to the sign-in page; returns the caller otherwise. */
export function requireRole(...roles) {
  const who = caller();
  if (!who || !roles.includes(who.role)) {
    const next = encodeURIComponent(location.pathname + location.search);
    location.replace(`index.html?next=${next}${who ? '&wrongRole=1' : ''}`);
    return null;
  }
  return who;
}

/** "REPORT_STATE_DRAFT", "Draft" or "draft" -> "draft". */
export function norm(value, prefix = '') {
  if (value === undefined || value === null) return '';
  let s = String(value);
  if (/[a-z][A-Z]/.test(s)) s = s.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
  s = s.toLowerCase();
  if (prefix && s.startsWith(prefix)) s = s.slice(prefix.length);
  return s;
}

export const words = s => norm(s).replace(/_/g, ' ');

export function badge(state, text) {
  const key = norm(state);
  return h('span', { class: `badge ${key}` }, text || words(key));
}

export function fmtDate(value) {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

export function fmtNumber(n, digits = 0) {
  if (n === undefined || n === null || n === '') return '';
  return Number(n).toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export const today = () => new Date().toISOString().slice(0, 10);

/** A message area for problems that belong to no field (role=alert so screen readers announce it). */
export function problemBox() {
  return h('div', { class: 'problem', role: 'alert' });
}

export function successBox() {
  return h('div', { class: 'success', role: 'status' });
}

/**
 * Shows an error: each field error next to its field (found by name through `fieldFor`), the rest in `box`.
 * Returns the number of field messages placed. Field names from the API are snake_case or camelCase.
 */
export function showProblem(box, error, fieldFor = null) {
  if (box) box.textContent = '';
  if (!(error instanceof ApiError)) {
    if (box) box.textContent = error?.message || String(error);
    console.warn(error);
    return 0;
  }
  let placed = 0;
  const leftover = [];
  for (const [field, messages] of Object.entries(error.errors || {})) {
    const target = fieldFor ? fieldFor(field) : null;
    if (target) {
      setFieldError(target, messages.join(' '));
      placed++;
    } else {
      leftover.push(`${field}: ${messages.join(' ')}`);
    }
  }
  if (box) {
    const first = placed ? 'Some values need attention: see the messages next to the fields.' : error.message;
    box.append(h('div', {}, first), ...leftover.map(l => h('div', {}, l)));
  }
  return placed;
}

/** Marks a field invalid and writes the message in its own error element (aria-describedby, role=alert). */
export function setFieldError(input, message) {
  let err = input.errorElement;
  if (!err) {
    err = h('div', { class: 'error', id: uid('err'), role: 'alert' });
    input.errorElement = err;
    (input.closest('.cell, .field') || input.parentElement).append(err);
  }
  err.textContent = message;
  input.setAttribute('aria-invalid', 'true');
  const described = new Set((input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean));
  described.add(err.id);
  input.setAttribute('aria-describedby', [...described].join(' '));
}

export function clearFieldErrors(root) {
  for (const input of $$('[aria-invalid="true"]', root)) input.removeAttribute('aria-invalid');
  for (const err of $$('.error', root)) err.textContent = '';
}

/** Finds a form control by an API field name: "period_start" matches name="periodStart" or name="period_start". */
export function byName(root) {
  return field => {
    const camel = field.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
    const last = camel.split('.').pop();
    return root.querySelector(`[name="${CSS.escape(field)}"], [name="${CSS.escape(camel)}"], [name="${CSS.escape(last)}"]`);
  };
}

/** A labelled field: label + control + its error slot. */
export function field(labelText, control, hint) {
  control.id ||= uid('f');
  const wrap = h('div', { class: 'field' }, h('label', { for: control.id }, labelText), control);
  if (hint) {
    const hintEl = h('div', { class: 'small muted', id: uid('hint') }, hint);
    control.setAttribute('aria-describedby', hintEl.id);
    wrap.append(hintEl);
  }
  return wrap;
}

export function select(name, options, value) {
  return h('select', { name },
    options.map(o => {
      const [v, t] = Array.isArray(o) ? o : [o, o];
      return h('option', { value: v, selected: v === value }, t);
    }));
}

/** A figure cell: a suppressed value is shown as "<k" with a title saying why; never as zero. */
export function figure(value, suppressed, threshold) {
  if (suppressed) {
    const text = threshold ? `<${threshold}` : 'suppressed';
    return h('span', { class: 'suppressed', title: `Suppressed: a small count (below ${threshold || 'the threshold'}) is not shown, to protect the people it describes.`, 'data-suppressed': 'true' },
      text, h('span', { class: 'skip' }, ' (suppressed)'));
  }
  if (value === undefined || value === null) return '';
  return fmtNumber(value, Number.isInteger(value) ? 0 : 1);
}

/**
 * A table. columns: [{ key, label, num, render(row) }]. Returns the <table> inside a scrolling wrapper.
 */
export function table(columns, rows, options = {}) {
  const t = h('table', { class: options.class },
    options.caption ? h('caption', { class: 'skip' }, options.caption) : null,
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: cellClass(c) }, c.label)))),
    h('tbody', {}, rows.length === 0
      ? h('tr', {}, h('td', { colspan: columns.length, class: 'muted' }, options.empty || 'Nothing to show.'))
      : rows.map(r => {
          const tr = h('tr', {}, columns.map(c => h('td', { class: cellClass(c) }, c.render ? c.render(r) : r[c.key])));
          if (options.onRow) options.onRow(tr, r);
          return tr;
        })));
  return h('div', { class: 'table-wrap' }, t);
}

function cellClass(c) {
  return [c.num ? 'num' : '', c.nowrap ? 'nowrap' : ''].filter(Boolean).join(' ') || undefined;
}

/**
 * Keeps a late answer from overwriting a newer one. A page loads a part again when a choice changes or after a save,
 * and two loads of the same part may answer out of order. Each load takes a turn before its request
 * (`const turn = unitsTurns();`) and shows its answer only if `turn()` is still true after the await: no later load of
 * that part has started meanwhile.
 */
export function turns() {
  let latest = 0;
  return () => {
    const mine = ++latest;
    return () => mine === latest;
  };
}

/** Runs an async action from a button, disabling it meanwhile so a double click does not send twice. */
export async function busy(button, action) {
  if (button) button.disabled = true;
  try {
    return await action();
  } finally {
    if (button) button.disabled = false;
  }
}

/** Reads an array out of an answer that is either the array itself or an object holding one. */
export function list(data, ...keys) {
  if (Array.isArray(data)) return data;
  if (!data) return [];
  for (const k of keys) if (Array.isArray(data[k])) return data[k];
  const first = Object.values(data).find(Array.isArray);
  return first || [];
}
