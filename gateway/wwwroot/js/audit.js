// Oversight boards and administrators: the suite's audit, filtered, paged and exported as CSV.
import { get, download } from './api.js';
import { routes } from './routes.js';
import { h, $, header, requireRole, table, problemBox, showProblem, busy, field, select, byName, clearFieldErrors, fmtDate, words, turns } from './ui.js';

header('audit.html');
const who = requireRole('oversight', 'administrator');
const page = $('#page');

const ACTIONS = ['exact_read', 'raw_report_read', 'create', 'update', 'delete', 'seed', 'permission_denied', 'not_found', 'unusual_query_volume'];
const ROLES = ['focal_point', 'reviewer', 'training_officer', 'oversight', 'analyst', 'administrator', 'service', 'system'];

if (who) start();

function start() {
  const problem = problemBox();
  const results = h('div', { 'aria-live': 'polite' });
  const more = h('button', { type: 'button', hidden: true }, 'Older events');
  const form = h('form', { class: 'card', novalidate: true, 'aria-label': 'Filter the audit' },
    h('div', { class: 'row' },
      field('Actor', h('input', { name: 'actor', type: 'text' }), 'The exact user id (subject).'),
      field('Role', select('role', [['', 'Any'], ...ROLES.map(r => [r, words(r)])], '')),
      field('Action', select('action', [['', 'Any'], ...ACTIONS.map(a => [a, words(a)])], '')),
      field('From', h('input', { name: 'from', type: 'date' })),
      field('To', h('input', { name: 'to', type: 'date' }), 'Up to the start of this day (UTC).'),
      field('Text', h('input', { name: 'text', type: 'search' }), 'Searched in what was read or changed.')),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, 'Show'),
      h('button', { type: 'button', onclick: e => busy(e.target, exportCsv) }, 'Download CSV')),
    problem);

  let rows = [];
  let pageToken = null;

  const filters = () => {
    const f = form.elements;
    return { actor: f.actor.value.trim(), role: f.role.value, action: f.action.value, from: f.from.value, to: f.to.value, text: f.text.value.trim() };
  };

  const loads = turns();
  async function load(append) {
    const turn = loads();
    clearFieldErrors(form);
    problem.replaceChildren();
    try {
      const answer = await get(routes.audit({ ...filters(), pageSize: 50, pageToken: append ? pageToken : '' }));
      if (!turn()) return;
      rows = append ? rows.concat(answer.items) : answer.items;
      pageToken = answer.nextPageToken;
      render();
    } catch (e) {
      if (turn()) showProblem(problem, e, byName(form));
    }
  }

  async function exportCsv() {
    try {
      await download(routes.auditCsv(filters()), 'audit.csv');
    } catch (e) {
      showProblem(problem, e, byName(form));
    }
  }

  function render() {
    results.replaceChildren(table([
      { label: 'When', nowrap: true, render: e => fmtDate(e.occurredAt) },
      { label: 'Who', render: e => e.actor },
      { label: 'Role', render: e => words(e.role) },
      { label: 'Action', render: e => words(e.action) },
      { label: 'What', render: e => h('span', {}, h('strong', {}, e.resource), e.description ? ` — ${e.description}` : '') },
      { label: 'From', render: e => e.clientAddress },
      { label: 'Service', render: e => e.service },
    ], rows, { caption: 'Audit events, newest first', empty: 'No event matches these filters.' }));
    more.hidden = !pageToken;
  }

  form.addEventListener('submit', e => {
    e.preventDefault();
    busy(e.submitter, () => load(false));
  });
  more.addEventListener('click', e => busy(e.target, () => load(true)));
  page.replaceChildren(form, h('section', { class: 'card' }, h('h2', {}, 'Events'), results, h('div', { class: 'actions' }, more)));
  load(false);
}
