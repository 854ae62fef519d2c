// Reporting helpers shared by the focal-point and reviewer pages: forms with their definitions, periods, history.
import { get } from './api.js';
import { routes } from './routes.js';
import { h, norm, fmtDate, list, words } from './ui.js';
import { valueText } from './report-form.js';

/** The forms with their elements and categories; asks for each form's definition if the list carries none. */
export async function loadForms() {
  const forms = list(await get(routes.reporting.forms), 'forms');
  return Promise.all(forms.map(async f => {
    if (Array.isArray(f.elements) && f.elements.length) return f;
    const full = await get(routes.reporting.form(f.id));
    return full.form || full;
  }));
}

/**
 * The form as the version in effect for a period defines it (elements, categories, rules): a report is filled and read
 * against its own version, which the list of forms (the latest version) may not be. Versions are asked once per form.
 */
export async function formForPeriod(form, periodStart) {
  if (!form) return form;
  form.versionsAnswer ||= get(routes.reporting.formVersions(form.id)).then(a => a?.versions || []).catch(() => []);
  const version = (await form.versionsAnswer).find(v => !v.validFrom || v.validFrom <= periodStart);
  return version ? { ...form, elements: version.elements, categories: version.categories, rules: version.rules, formVersion: version.version } : form;
}

const pad = n => String(n).padStart(2, '0');

/** The starts (yyyy-MM-dd) of the last `count` periods that have begun, newest first. */
export function periodStarts(periodType, count) {
  const now = new Date();
  let y = now.getUTCFullYear();
  let m = now.getUTCMonth() + 1;
  const step = periodType === 'quarterly' ? 3 : periodType === 'yearly' ? 12 : 1;
  if (step === 3) m = Math.floor((m - 1) / 3) * 3 + 1;
  if (step === 12) m = 1;
  const out = [];
  for (let i = 0; i < count; i++) {
    out.push(`${y}-${pad(m)}-01`);
    m -= step;
    while (m < 1) { m += 12; y--; }
  }
  return out;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function periodLabel(start, periodType) {
  if (!start) return '';
  const [y, m] = start.split('-').map(Number);
  const type = norm(periodType, 'period_type_');
  if (type === 'quarterly') return `${y} Q${Math.floor((m - 1) / 3) + 1}`;
  if (type === 'yearly') return String(y);
  return `${MONTHS[m - 1]} ${y}`;
}

/** The report's history: who did what when, why, and which cells changed. */
export function historyList(events) {
  if (!events.length) return h('p', { class: 'muted' }, 'No history yet.');
  return h('ol', { class: 'history' }, events.map(e => h('li', {},
    h('strong', {}, words(e.action)), ` by ${e.actor || 'someone'}${e.actorRole ? ` (${words(e.actorRole)})` : ''}, ${fmtDate(e.at)}`,
    e.revision ? ` · revision ${e.revision}` : '',
    e.reason ? h('div', { class: 'small' }, `“${e.reason}”`) : null,
    (e.changes || []).length ? h('details', { class: 'small' }, h('summary', {}, `${e.changes.length} value${e.changes.length === 1 ? '' : 's'} changed`),
      h('ul', {}, e.changes.map(c => h('li', {}, `${c.elementId}${c.categoryKey ? ` [${c.categoryKey}]` : ''}: ${c.before || 'empty'} → ${c.after || 'empty'}`)))) : null)));
}

export { valueText };
