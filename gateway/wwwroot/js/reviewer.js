// Reviewer: the review queue of my units (deadlines, outlier warnings); a report next to the station's previous
// periods; approve, or return with a required comment.
import { get, post, newKey } from './api.js';
import { routes } from './routes.js';
import { h, $, fill, header, requireRole, badge, norm, table, problemBox, successBox, showProblem, busy, list, byName, clearFieldErrors, setFieldError, uid, turns } from './ui.js';
import { comparisonTable } from './report-form.js';
import { loadForms, formForPeriod, periodLabel, historyList } from './reporting.js';

header('reviewer.html');
const who = requireRole('reviewer');
const page = $('#page');
const PREVIOUS_PERIODS = 3;

if (who) start().catch(e => showProblem($('#page-problem'), e));

async function start() {
  let forms;
  try {
    forms = await loadForms();
  } catch (e) {
    page.replaceChildren();
    showProblem($('#page-problem'), e);
    return;
  }
  const formOf = id => forms.find(f => f.id === id);
  const queueBox = h('div');
  const panel = h('section', { class: 'card', id: 'review', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Choose a report from the queue.'));
  const notice = successBox();
  page.replaceChildren(
    h('p', { class: 'muted' }, `Units in scope: ${who.units.join(', ') || '(none)'}`),
    notice,
    h('section', { class: 'card' }, h('h2', {}, 'Review queue'), queueBox),
    panel);

  const queueLoads = turns(), opens = turns();
  async function refresh() {
    const turn = queueLoads();
    try {
      const reports = list(await get(routes.reporting.reviewQueue({ pageSize: 100 })), 'reports');
      if (!turn()) return;
      queueBox.replaceChildren(table([
        { label: 'Station', key: 'stationId' },
        { label: 'Period', nowrap: true, render: r => periodLabel(r.periodStart, formOf(r.formId)?.periodType) },
        { label: 'Form', render: r => formOf(r.formId)?.name || r.formId },
        { label: 'State', render: r => badge(norm(r.state, 'report_state_')) },
        { label: 'Due', nowrap: true, render: r => r.dueOn ? [r.dueOn, r.submittedOnTime === false || (r.firstSubmittedAt && r.firstSubmittedAt.slice(0, 10) > r.dueOn) ? [' ', badge('overdue', 'late')] : null] : '' },
        { label: 'Warnings', num: true, render: r => r.warningCount ? badge('warning', `${r.warningCount} outlier${r.warningCount === 1 ? '' : 's'}`) : '0' },
        { label: '', render: r => h('button', { type: 'button', onclick: () => open(r.id), 'aria-label': `Review ${r.stationId} ${r.periodStart}` }, 'Review') },
      ], reports, { caption: 'Reports waiting for review', empty: 'Nothing waits for review.' }));
    } catch (e) {
      if (!turn()) return;
      queueBox.replaceChildren(problemBox());
      showProblem(queueBox.firstChild, e);
    }
  }

  async function open(id) {
    const turn = opens();
    const problem = problemBox();
    panel.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
    let report;
    try {
      const data = await get(routes.reporting.report(id));
      report = data.report || data;
    } catch (e) {
      if (!turn()) return;
      panel.replaceChildren(problem);
      showProblem(problem, e);
      return;
    }
    const form = await formForPeriod(formOf(report.formId), report.periodStart);
    const previous = await previousReports(report);
    if (!turn()) return;
    const keys = { approve: newKey(), return: newKey() };

    const commentId = uid('comment');
    const comment = h('textarea', { id: commentId, name: 'comment', rows: 3, 'aria-describedby': `${commentId}-hint` });
    const decision = h('form', { novalidate: true, onsubmit: e => e.preventDefault() },
      h('div', { class: 'field' },
        h('label', { for: commentId }, 'Comment'),
        comment,
        h('div', { class: 'small muted', id: `${commentId}-hint` }, 'Required when returning: say what the station must fix. Optional when approving.')),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', onclick: e => decide(e.currentTarget, 'approve') }, 'Approve'),
        h('button', { type: 'button', class: 'danger', onclick: e => decide(e.currentTarget, 'return') }, 'Return to station')),
      problem);

    async function decide(button, action) {
      clearFieldErrors(decision);
      problem.textContent = '';
      if (action === 'return' && !comment.value.trim()) {
        setFieldError(comment, 'A returned report needs a comment saying what to fix.');
        comment.focus();
        return;
      }
      await busy(button, async () => {
        try {
          const route = action === 'approve' ? routes.reporting.approve(report.id) : routes.reporting.return(report.id);
          await post(route, { comment: comment.value.trim() }, { idempotencyKey: keys[action], ifMatch: report.version });
          notice.textContent = action === 'approve'
            ? `Approved: ${report.stationId}, ${periodLabel(report.periodStart, form?.periodType)}.`
            : `Returned to ${report.stationId} with your comment.`;
          opens();
          panel.replaceChildren(h('p', { class: 'muted' }, 'Choose a report from the queue.'));
          await refresh();
        } catch (e) {
          keys[action] = newKey();
          showProblem(problem, e, byName(decision));
        }
      });
    }

    const history = h('div');
    fill(panel,
      h('h2', {}, `${report.stationId}: ${periodLabel(report.periodStart, form?.periodType)}`),
      h('p', {}, badge(norm(report.state, 'report_state_')), ` · revision ${report.revision} · due ${report.dueOn || '?'}`,
        report.firstSubmittedAt ? ` · ${report.submittedOnTime ? 'submitted on time' : 'submitted late'}` : ''),
      report.demonstration ? h('p', { class: 'demo small' }, 'Synthetic demonstration data, not real figures.') : null,
      (report.warnings || []).length
        ? h('div', { class: 'card', role: 'note' }, h('h3', {}, 'Outlier warnings'), h('ul', { class: 'warnings' }, report.warnings.map(w => h('li', {}, w))))
        : h('p', { class: 'muted small' }, 'No outlier warnings against the station\'s own history.'),
      report.reviewComment ? h('p', { class: 'small' }, h('strong', {}, 'Last review comment: '), report.reviewComment) : null,
      h('div', { class: 'split' },
        h('div', {}, h('h3', {}, 'This period and the previous ones'), comparisonTable(form, report, previous, p => periodLabel(p, form?.periodType))),
        h('div', {}, h('h3', {}, 'Decision'), decision, history)));
    try {
      const events = list(await get(routes.reporting.history(report.id)), 'events');
      if (!turn()) return;
      history.replaceChildren(h('h3', {}, 'History'), historyList(events));
    } catch (e) {
      if (!turn()) return;
      history.replaceChildren(problemBox());
      showProblem(history.firstChild, e);
    }
  }

  /** The station's reports on the same form for the periods before this one, newest first. */
  async function previousReports(report) {
    try {
      const data = await get(routes.reporting.stationReports(report.stationId, { formId: report.formId, pageSize: PREVIOUS_PERIODS + 5 }));
      const earlier = list(data, 'reports').filter(r => r.periodStart < report.periodStart).slice(0, PREVIOUS_PERIODS);
      const full = await Promise.all(earlier.map(r => get(routes.reporting.report(r.id))));
      return full.map(d => d.report || d);
    } catch {
      return [];
    }
  }

  await refresh();
}
