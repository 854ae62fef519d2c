// The report form, generated from the form definition the Reporting API returns: for each data element a total
// and, per disaggregation, a grid of cells (rows: all categories but the last, columns: the last). Every cell is a
// count, or explicitly "not applicable" / "not available"; an untouched cell stays empty, which is not zero.
import { h, norm, uid, setFieldError, clearFieldErrors, $$ } from './ui.js';

export const NOT_APPLICABLE = 'not_applicable';
export const NOT_AVAILABLE = 'not_available';

/** A disaggregation is { categoryIds: [...] } in the API and a plain array in the seed files; accept both. */
export function categoryIdsOf(disaggregation) {
  if (Array.isArray(disaggregation)) return disaggregation;
  return disaggregation.categoryIds || disaggregation.category_ids || [];
}

function cartesian(lists) {
  return lists.reduce((acc, list) => acc.flatMap(prefix => list.map(item => [...prefix, item])), [[]]);
}

/** Every cell of an element: its total (key "") and each disaggregation's combinations, with readable labels. */
export function cellsOf(form, element) {
  const categories = new Map((form.categories || []).map(c => [c.id, c]));
  const cells = [{ key: '', label: 'Total' }];
  for (const d of element.disaggregations || []) {
    const cats = categoryIdsOf(d).map(id => categories.get(id)).filter(Boolean);
    for (const combo of cartesian(cats.map(c => c.options.map(o => ({ c, o }))))) {
      cells.push({ key: combo.map(x => `${x.c.id}=${x.o.id}`).join(';'), label: combo.map(x => x.o.name).join(', ') });
    }
  }
  return cells;
}

/** Reads a value's state whatever the spelling ("number", "VALUE_STATE_NUMBER", "Number"). */
export function stateOf(value) {
  return norm(value?.state, 'value_state_');
}

/** How a value reads on a page: a number, "not applicable", "not available", or empty. */
export function valueText(value) {
  if (!value) return '';
  const state = stateOf(value);
  if (state === NOT_APPLICABLE) return 'not applicable';
  if (state === NOT_AVAILABLE) return 'not available';
  return String(value.number ?? 0);
}

export const valueKey = (elementId, categoryKey) => `${elementId}|${categoryKey || ''}`;

export function valueMap(report) {
  return new Map((report?.values || []).map(v => [valueKey(v.elementId, v.categoryKey), v]));
}

/**
 * Builds the editable (or read-only) form. Returns { element, values(), showErrors(apiError), clearErrors() }.
 * showErrors places each field violation next to its cell: "values[3]" is the 4th value sent, "values[element]"
 * concerns the element (its total cell carries the message).
 */
export function reportForm(form, report, options = {}) {
  const readOnly = !!options.readOnly;
  const existing = valueMap(report);
  const inputs = new Map(); // valueKey -> { number, state }
  let lastSent = [];

  const categories = new Map((form.categories || []).map(c => [c.id, c]));

  function cell(element, categoryKey, label) {
    const key = valueKey(element.id, categoryKey);
    const value = existing.get(key);
    if (readOnly) return h('span', { 'data-cell': key }, valueText(value) || '—');
    const state = stateOf(value);
    const number = h('input', {
      type: 'number', min: '0', step: '1', inputmode: 'numeric', name: `cell:${key}`, 'data-cell': key,
      'aria-label': `${element.name}: ${label}`,
      value: value && state === 'number' ? String(value.number ?? 0) : '',
    });
    const choice = h('select', { name: `state:${key}`, 'aria-label': `${element.name}: ${label} - kind of value` },
      h('option', { value: 'number' }, 'Count'),
      h('option', { value: NOT_APPLICABLE }, 'Not applicable'),
      h('option', { value: NOT_AVAILABLE }, 'Not available'));
    choice.value = state === NOT_APPLICABLE || state === NOT_AVAILABLE ? state : 'number';
    const sync = () => {
      number.disabled = choice.value !== 'number';
      if (number.disabled) number.value = '';
    };
    choice.addEventListener('change', sync);
    sync();
    inputs.set(key, { number, choice, elementId: element.id, categoryKey });
    return h('div', { class: 'cell' }, number, choice);
  }

  function grid(element, disaggregation) {
    const cats = categoryIdsOf(disaggregation).map(id => categories.get(id)).filter(Boolean);
    const columns = cats[cats.length - 1];
    const rowCats = cats.slice(0, -1);
    const rows = cartesian(rowCats.map(c => c.options.map(o => ({ c, o }))));
    return h('div', { class: 'table-wrap' }, h('table', { class: 'grid' },
      h('caption', { class: 'small muted', style: 'text-align:left' }, `By ${cats.map(c => c.name.toLowerCase()).join(' and ')}`),
      h('thead', {}, h('tr', {},
        rowCats.length ? h('th', { scope: 'col' }, rowCats.map(c => c.name).join(' / ')) : null,
        columns.options.map(o => h('th', { scope: 'col' }, o.name)))),
      h('tbody', {}, rows.map(row => h('tr', {},
        rowCats.length ? h('th', { scope: 'row' }, row.map(x => x.o.name).join(', ')) : null,
        columns.options.map(o => {
          const parts = [...row.map(x => `${x.c.id}=${x.o.id}`), `${columns.id}=${o.id}`];
          const label = [...row.map(x => x.o.name), o.name].join(', ');
          return h('td', {}, cell(element, parts.join(';'), label));
        }))))));
  }

  const root = h('div', { class: 'report-form' }, (form.elements || []).map(element => {
    const totalId = uid('total');
    const total = cell(element, '', 'total');
    if (!readOnly) {
      const input = inputs.get(valueKey(element.id, ''));
      input.number.id = totalId;
      input.number.setAttribute('aria-label', `${element.name}: total`);
    }
    const box = h('fieldset', { class: 'report-element', 'data-element': element.id },
      h('legend', {}, element.name),
      h('div', { class: 'row' }, h('div', { class: 'field' }, readOnly ? h('span', { class: 'small muted' }, 'Total: ') : h('label', { for: totalId }, 'Total'), total)),
      (element.disaggregations || []).map(d => grid(element, d)));
    return box;
  }));

  function values() {
    const out = [];
    for (const { number, choice, elementId, categoryKey } of inputs.values()) {
      if (choice.value !== 'number') out.push({ elementId, categoryKey, state: choice.value });
      else if (number.value.trim() !== '') out.push({ elementId, categoryKey, state: 'number', number: Number(number.value) });
    }
    lastSent = out;
    return out;
  }

  /** Field of a violation -> the input it concerns (or the element's total). */
  function targetOf(field) {
    const m = /^values\[([^\]]+)\](.*)$/i.exec(field);
    if (!m) return null;
    const inner = m[1];
    if (/^\d+$/.test(inner)) {
      const sent = lastSent[Number(inner)];
      return sent ? inputs.get(valueKey(sent.elementId, sent.categoryKey))?.number || null : null;
    }
    // "values[element][category key]" names one cell of a breakdown; "values[element]" the element's total.
    const key = /^\[([^\]]*)\]/.exec(m[2] || '');
    return inputs.get(valueKey(inner, key ? key[1] : ''))?.number || inputs.get(valueKey(inner, ''))?.number || null;
  }

  /** Places each violation next to its cell; returns { placed, leftover } (messages that concern no cell). */
  function showErrors(error) {
    clearErrors();
    let placed = 0;
    const leftover = [];
    for (const [field, messages] of Object.entries(error?.errors || {})) {
      const input = targetOf(field);
      if (!input) {
        leftover.push(`${field}: ${messages.join(' ')}`);
        continue;
      }
      // "rule dv-...: Domestic violence cases ..." reads better without the rule's id, which stays in the title.
      setFieldError(input, messages.map(m => m.replace(/^rule [\w-]+: /, '')).join(' '));
      input.errorElement.title = messages.join(' ');
      placed++;
    }
    const first = $$('[aria-invalid="true"]', root)[0];
    if (first) first.focus();
    return { placed, leftover };
  }

  function clearErrors() {
    clearFieldErrors(root);
  }

  return { element: root, values, showErrors, clearErrors };
}

/** Reviewer's view: every cell of the form, this period next to the station's previous periods. */
export function comparisonTable(form, current, previous, labelOf = p => p) {
  const reports = [current, ...previous];
  const maps = reports.map(valueMap);
  const rows = [];
  for (const element of form.elements || []) {
    for (const c of cellsOf(form, element)) {
      const key = valueKey(element.id, c.key);
      rows.push(h('tr', { class: c.key ? '' : 'total' },
        h('th', { scope: 'row', style: c.key ? 'font-weight:400;padding-left:1.5rem' : '' }, c.key ? c.label : element.name),
        maps.map((m, i) => h('td', { class: 'num', 'data-period': reports[i].periodStart }, valueText(m.get(key)) || '—'))));
    }
  }
  return h('div', { class: 'table-wrap' }, h('table', { class: 'comparison' },
    h('caption', { class: 'skip' }, 'This period next to the station\'s previous periods'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Data element'),
      reports.map((r, i) => h('th', { scope: 'col', class: 'num', 'data-period': r.periodStart }, i === 0 ? `${labelOf(r.periodStart)} (this report)` : labelOf(r.periodStart))))),
    h('tbody', {}, rows)));
}
