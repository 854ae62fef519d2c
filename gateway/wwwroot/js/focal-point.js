// Focal point: my station's reports by period (state, deadline), the report form generated from the form
// definition, save as draft, submit, the reviewer's comment on a returned report, and the report's history.
import { get, post, put, ApiError, newKey } from './api.js';
import { routes } from './routes.js';
import { h, $, fill, header, requireRole, badge, norm, fmtDate, table, problemBox, successBox, showProblem, busy, list, field, select, turns } from './ui.js';
import { reportForm } from './report-form.js';
import { loadForms, formForPeriod, periodStarts, periodLabel, historyList } from './reporting.js';

header('focal-point.html');
const who = requireRole('focal_point');
const page = $('#page');

if (who) {
  const station = who.units[0];
  if (!station) {
    page.replaceChildren(h('p', { class: 'problem' }, 'Your token names no station: sign in with your station as the unit in scope.'));
  } else {
    start(station).catch(e => showProblem($('#page-problem'), e));
  }
}

async function start(station) {
  let forms;
  try {
    // Only the forms this kind of unit reports on (stations: the station form; courts: the court form).
    const [all, unit] = await Promise.all([loadForms(), get(routes.structure.unit(station)).catch(() => null)]);
    const kind = norm(unit?.kind, 'organisation_unit_kind_');
    forms = all.filter(f => !kind || f.reportingUnitKind === kind);
    if (!forms.length) forms = all;
  } catch (e) {
    page.replaceChildren();
    showProblem($('#page-problem'), e);
    return;
  }
  const listBox = h('div');
  const editor = h('section', { class: 'card', id: 'editor', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Choose a report, or start one for a period.'));
  const formChoice = select('formId', forms.map(f => [f.id, f.name]), forms[0]?.id);
  const periodChoice = h('select', { name: 'periodStart' });
  const fillPeriods = () => {
    const f = forms.find(x => x.id === formChoice.value);
    periodChoice.replaceChildren(...periodStarts(norm(f?.periodType, 'period_type_'), 12).map(p => h('option', { value: p }, periodLabel(p, f?.periodType))));
  };
  formChoice.addEventListener('change', () => { fillPeriods(); refresh(); });
  fillPeriods();

  const startForm = h('form', { class: 'row', novalidate: true, onsubmit: e => { e.preventDefault(); openPeriod(formChoice.value, periodChoice.value); } },
    field('Form', formChoice), field('Period', periodChoice),
    h('div', { class: 'field' }, h('button', { type: 'submit', class: 'primary' }, 'Open report for this period')));

  page.replaceChildren(
    h('p', { class: 'muted' }, `Station: ${station}`),
    h('section', { class: 'card' }, h('h2', {}, 'My station\'s reports'), startForm, listBox),
    editor);

  const listLoads = turns(), editorOpens = turns();
  async function refresh(pageToken, shown = []) {
    const turn = listLoads();
    try {
      const data = await get(routes.reporting.stationReports(station, { formId: formChoice.value, pageSize: 12, pageToken }));
      if (!turn()) return;
      const reports = [...shown, ...list(data, 'reports')];
      const older = data.nextPageToken
        ? h('button', { type: 'button', onclick: () => refresh(data.nextPageToken, reports) }, 'Show older reports')
        : null;
      fill(listBox, table([
        { label: 'Period', nowrap: true, render: r => periodLabel(r.periodStart, forms.find(f => f.id === r.formId)?.periodType) },
        { label: 'State', render: r => badge(norm(r.state, 'report_state_')) },
        { label: 'Revision', key: 'revision', num: true },
        { label: 'Due', nowrap: true, render: r => dueText(r) },
        { label: 'Submitted', render: r => r.firstSubmittedAt ? `${fmtDate(r.firstSubmittedAt)}${r.submittedOnTime ? '' : ' (late)'}` : '' },
        { label: '', render: r => h('button', { type: 'button', onclick: () => openReport(r.id), 'aria-label': `Open the report for ${r.periodStart}` }, 'Open') },
      ], reports, { caption: 'My station\'s reports', empty: 'No reports yet for this form.' }), older ? h('div', { class: 'actions' }, older) : null);
    } catch (e) {
      if (!turn()) return;
      listBox.replaceChildren(problemBox());
      showProblem(listBox.firstChild, e);
    }
  }

  async function openPeriod(formId, periodStart) {
    const turn = editorOpens();
    // An existing report for the period opens as it is; otherwise an empty form starts a new one.
    const data = await get(routes.reporting.stationReports(station, { formId, periodFrom: periodStart, periodTo: periodStart })).catch(() => null);
    if (!turn()) return;
    const existing = list(data, 'reports').find(r => r.periodStart === periodStart);
    if (existing) return openReport(existing.id);
    const form = await formForPeriod(forms.find(f => f.id === formId), periodStart);
    if (!turn()) return;
    renderEditor(form, { formId, stationId: station, periodStart, state: 'new', version: 0, values: [] });
  }

  async function openReport(id) {
    const turn = editorOpens();
    try {
      const data = await get(routes.reporting.report(id));
      const report = data.report || data;
      const form = await formForPeriod(forms.find(f => f.id === report.formId), report.periodStart);
      if (!turn()) return;
      renderEditor(form, report);
    } catch (e) {
      if (!turn()) return;
      editor.replaceChildren(problemBox());
      showProblem(editor.firstChild, e);
    }
  }

  function renderEditor(form, report) {
    const state = norm(report.state, 'report_state_');
    const editable = ['new', 'draft', 'returned'].includes(state);
    const problem = problemBox();
    const done = successBox();
    const grid = reportForm(form, report, { readOnly: !editable });
    const history = h('div');
    // One key per version of the report: a retried click re-sends the same key and writes once.
    const keys = { save: newKey(), submit: newKey() };

    const save = h('button', { type: 'button' }, 'Save draft');
    const submit = h('button', { type: 'button', class: 'primary' }, state === 'returned' ? 'Resubmit' : 'Submit');

    save.addEventListener('click', () => busy(save, async () => {
      const saved = await saveDraft(form, report, grid, problem, keys.save);
      if (saved) {
        done.textContent = `Draft saved (version ${saved.version}).`;
        renderAfter(saved, 'Draft saved.');
      }
    }));
    submit.addEventListener('click', () => busy(submit, async () => {
      done.textContent = '';
      const saved = await saveDraft(form, report, grid, problem, keys.save);
      if (!saved) return;
      report = saved;
      keys.save = newKey();
      editor.querySelector('.state').replaceChildren(badge(norm(saved.state, 'report_state_')));
      try {
        const answer = await post(routes.reporting.submit(saved.id), undefined, { idempotencyKey: keys.submit, ifMatch: saved.version });
        renderAfter(answer.report || answer, 'Report submitted for review.');
      } catch (e) {
        explain(problem, grid, e, 'The report was saved as a draft but not submitted');
        keys.submit = newKey();
        // The draft was saved: the next save must start from its version.
        refresh();
      }
    }));

    function renderAfter(saved, message) {
      renderEditor(form, saved);
      const box = $('#editor .success');
      if (box) box.textContent = message;
      refresh();
    }

    const comment = report.reviewComment || report.returnComment;
    fill(editor,
      h('h2', {}, `${form?.name || report.formId}: ${periodLabel(report.periodStart, form?.periodType)}`),
      h('p', {}, h('span', { class: 'state' }, state === 'new' ? badge('draft', 'new') : badge(state)), ' ',
        report.dueOn ? `Due ${report.dueOn}` : '', report.locksOn ? ` · locks ${report.locksOn}` : '',
        report.revision ? ` · revision ${report.revision}` : ''),
      report.demonstration ? h('p', { class: 'demo small' }, 'Synthetic demonstration data, not real figures.') : null,
      state === 'returned' && comment ? h('div', { class: 'comment-box', id: 'review-comment' }, h('strong', {}, 'Returned by the reviewer: '), comment) : null,
      (report.warnings || []).length ? h('ul', { class: 'warnings' }, report.warnings.map(w => h('li', {}, w))) : null,
      done, problem,
      h('form', { novalidate: true, onsubmit: e => e.preventDefault(), 'aria-label': 'Report values' }, grid.element),
      editable ? h('div', { class: 'actions' }, save, submit) : h('p', { class: 'muted' }, state === 'approved' ? 'Approved: the report is locked.' : 'Submitted: waiting for review.'),
      history);
    if (report.id) loadHistory(report.id, history);
  }

  async function saveDraft(form, report, grid, problem, key) {
    grid.clearErrors();
    problem.textContent = '';
    try {
      const answer = await put(routes.reporting.draft(station, form.id, report.periodStart), { values: grid.values() },
        { idempotencyKey: key, ifMatch: report.version || undefined });
      return answer.report || answer;
    } catch (e) {
      explain(problem, grid, e, 'The draft was not saved');
      return null;
    }
  }

  await refresh();
}

/** Puts each message next to the cell it concerns and says in the page-level box what happened. */
function explain(problem, grid, error, what) {
  const { placed, leftover } = error instanceof ApiError ? grid.showErrors(error) : { placed: 0, leftover: [] };
  if (!placed) {
    showProblem(problem, error);
    return;
  }
  problem.replaceChildren(h('div', {}, `${what}: ${placed === 1 ? 'one value needs' : `${placed} values need`} attention (see the messages next to the values).`),
    ...leftover.map(l => h('div', {}, l)));
}

function dueText(r) {
  const state = norm(r.state, 'report_state_');
  if (!r.dueOn) return '';
  const overdue = ['draft', 'returned'].includes(state) && r.dueOn < new Date().toISOString().slice(0, 10);
  return overdue ? h('span', {}, r.dueOn, ' ', badge('overdue')) : r.dueOn;
}

async function loadHistory(id, box) {
  try {
    const data = await get(routes.reporting.history(id));
    box.replaceChildren(h('h3', {}, 'History'), historyList(list(data, 'events')));
  } catch (e) {
    box.replaceChildren(problemBox());
    showProblem(box.firstChild, e);
  }
}
