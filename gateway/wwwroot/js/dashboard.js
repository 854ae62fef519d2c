// Oversight dashboard per institution: DV and THB case trends, completeness and timeliness, focal-point coverage
// and training compliance by region, women's share by rank band, gender bodies' meetings. Each section shows its
// own status (a stopped service leaves the others readable). Protected and missing figures are shown as such, never as zero.
// Figures are as of today at the latest, and only the sections the answer lists for the institution are shown
// (no station reporting where nobody reports); periods not yet ended are marked "in progress".
import { get, download } from './api.js';
import { routes } from './routes.js';
import { h, $, header, requireRole, badge, table, figure, fmtNumber, problemBox, showProblem, field, words, turns } from './ui.js';
import { lineChart, barChart } from './charts.js';

header('dashboard.html');
const who = requireRole('oversight', 'analyst', 'administrator');
const page = $('#page');

const monthStart = d => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;

if (who) start().catch(e => showProblem($('#page-problem'), e));

async function start() {
  const params = new URLSearchParams(location.search);
  const institution = h('select', { name: 'institution' });
  const unit = h('select', { name: 'unit' });
  const now = new Date();
  const yearAgo = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
  const from = h('input', { type: 'month', name: 'from', value: params.get('from') || monthStart(yearAgo) });
  const to = h('input', { type: 'month', name: 'to', value: params.get('to') || monthStart(now) });
  const problem = problemBox();
  const content = h('div', { id: 'dashboard', 'aria-live': 'polite' });
  const pickers = h('form', { class: 'card row', novalidate: true, 'aria-label': 'Period and unit' },
    field('Institution', institution), field('Unit', unit), field('From (month)', from), field('To (month)', to),
    h('div', { class: 'field' }, h('button', { type: 'submit', class: 'primary' }, 'Show')));
  page.replaceChildren(pickers, problem, content);

  try {
    for (const i of await get(routes.institutions)) institution.append(h('option', { value: i.id }, i.name));
  } catch (e) {
    showProblem(problem, e);
    return;
  }
  institution.value = params.get('institution') || (who.institution && [...institution.options].some(o => o.value === who.institution) ? who.institution : 'kp');
  resetUnits();
  institution.addEventListener('change', () => { resetUnits(); load(); });
  pickers.addEventListener('submit', e => { e.preventDefault(); load(); });

  function resetUnits(regions = []) {
    const keep = unit.value;
    unit.replaceChildren(h('option', { value: institution.value }, 'Whole institution'),
      ...regions.map(r => h('option', { value: r.unitId }, r.name)));
    if ([...unit.options].some(o => o.value === keep)) unit.value = keep;
  }

  const loads = turns();
  async function load() {
    const turn = loads();
    problem.textContent = '';
    content.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
    // Never a day after today: certificates valid today are valid, days not yet lived are not coverage.
    const q = { from: `${from.value}-01`, to: notAfterToday(lastDay(to.value)) };
    const target = unit.value || institution.value;
    let data;
    try {
      data = await get(routes.dashboard(target, q));
    } catch (e) {
      if (!turn()) return;
      content.replaceChildren();
      showProblem(problem, e, f => ({ from, to })[f] || null);
      return;
    }
    if (!turn()) return;
    if (target === institution.value && data.structure?.data?.regions) resetUnits(data.structure.data.regions.map(r => ({ unitId: r.id, name: r.name })));
    render(data, q);
  }

  function render(d, q) {
    const label = `${d.institutionName || d.institution}, ${d.from} to ${d.to}`;
    const applies = name => (d.sections || []).includes(name);
    content.replaceChildren(...[
      h('p', { class: 'muted' }, `${label}. Figures as of ${d.to}. Generated ${d.generatedAt?.slice(0, 16).replace('T', ' ')} UTC.`,
        who.role === 'oversight' ? ' Small counts are protected.' : ' Exact figures: this read is recorded.'),
      applies('reporting') ? reportingSection(d, q) : null,
      structureSection(d, applies),
      applies('judicial_roles') ? judicialRolesSection(d) : null,
      trainingSection(d, q)].filter(Boolean));
  }

  function sectionCard(title, section, build) {
    const status = section?.status || 'unavailable';
    const card = h('section', { class: 'card', 'data-section': title, 'data-status': status },
      h('div', { class: 'table-head' }, h('h2', {}, title),
        h('span', { class: 'section-status' }, status === 'ok' ? badge('approved', 'up to date') : badge('unavailable', words(status)))));
    if (status !== 'ok' || !section.data) {
      card.append(h('p', { class: 'problem', role: 'status' }, `This section is not available right now (${words(status)}). ${section?.message || ''}`.trim()));
    } else {
      card.append(...[build(section.data)].flat(Infinity).filter(Boolean));
    }
    return card;
  }

  /**
   * A table with its CSV download: through the gateway's CSV export where one exists (`exports`), otherwise the
   * same figures as shown (already suppressed by the services for this caller), written in the browser.
   */
  function tableWithCsv(title, columns, rows, fileName, exports = null) {
    const box = problemBox();
    const buttons = (exports || [{ label: 'Download CSV' }]).map(x => {
      const button = h('button', { type: 'button', class: 'small', 'aria-label': `${x.label}: ${title}` }, x.label);
      button.addEventListener('click', async () => {
        box.textContent = '';
        try {
          if (x.route) await download(x.route, x.fileName);
          else saveCsv(fileName, columns, rows);
        } catch (e) {
          showProblem(box, e);
        }
      });
      return button;
    });
    return h('div', {}, h('div', { class: 'table-head' }, h('h3', {}, title), h('div', { class: 'actions', style: 'margin:0' }, buttons)), box,
      table(columns, rows, { caption: title }));
  }

  function reportingSection(d) {
    return sectionCard('Domestic violence and trafficking', d.reporting, r => {
      const periods = [...new Set(r.series.flatMap(s => s.points.map(p => p.period)))].sort();
      const running = new Set(r.periodsInProgress || []);
      const point = (s, period) => s.points.find(p => p.period === period);
      const periodCell = (shown, inProgress) => inProgress
        ? h('span', { 'data-in-progress': 'true', title: 'This period has not ended yet: its figures are not final.' }, shown, ' ', h('span', { class: 'incomplete' }, 'in progress'))
        : shown;
      const method = r.series.find(s => !s.exact)?.method;
      const casesRows = periods.map(period => ({ period, ...Object.fromEntries(r.series.map(s => [s.elementId, point(s, period)])) }));
      const caseColumns = [{ label: 'Period', nowrap: true, render: row => periodCell(row.period, running.has(row.period)), csv: row => running.has(row.period) ? `${row.period} (in progress)` : row.period }, ...r.series.map(s => ({
        label: s.label, num: true, csv: row => csvCount(row[s.elementId]), render: row => countFigure(row[s.elementId], s.method),
      }))];
      const comp = r.completeness || [];
      const compColumns = [
        { label: 'Period', nowrap: true, render: x => periodCell(x.periodStart.slice(0, 7), x.inProgress),
          csv: x => x.inProgress ? `${x.periodStart} (in progress)` : x.periodStart },
        { label: 'Expected', key: 'expected', num: true },
        { label: 'Submitted', key: 'submitted', num: true },
        { label: 'On time', key: 'submittedOnTime', num: true },
        { label: 'Approved', key: 'approved', num: true },
        { label: 'Complete %', num: true, csv: x => x.submittedPercent, render: x => fmtNumber(x.submittedPercent, 1) },
        { label: 'On time %', num: true, csv: x => x.onTimePercent, render: x => fmtNumber(x.onTimePercent, 1) },
      ];
      const total = r.completenessTotal;
      return [
        method ? protectionNote(method) : null,
        incompleteNote(),
        running.size ? h('p', { class: 'small', 'data-in-progress-note': 'true' },
          `${[...running].join(', ')}: in progress, not yet ended on ${d.to}; its reports are not all due, so its figures are incomplete and not final.`) : null,
        h('div', { class: 'grid-2' },
          h('div', {}, h('h3', {}, 'Cases by period'), lineChart(periods, r.series.map(s => ({ label: s.label, values: periods.map(p => point(s, p)?.value ?? null), notes: periods.map(p => coverageNote(point(s, p), running.has(p))) })),
            { describe: `Trend of ${r.series.map(s => s.label.toLowerCase()).join(' and ')} by period` })),
          h('div', {}, h('h3', {}, 'Completeness and timeliness'), barChart(comp.map(x => x.periodStart.slice(0, 7)),
            [{ label: 'Submitted %', values: comp.map(x => x.submittedPercent) }, { label: 'On time %', values: comp.map(x => x.onTimePercent) }],
            { percent: true, describe: 'Share of expected reports submitted and submitted on time, by period' }))),
        total ? h('p', {}, `Over the period: ${fmtNumber(total.submittedPercent, 1)} % of expected reports submitted, ${fmtNumber(total.onTimePercent, 1)} % on time, ${fmtNumber(total.approvedPercent, 1)} % approved.`) : null,
        h('div', { class: 'grid-2' },
          tableWithCsv('Cases by period', caseColumns, casesRows, `cases_${d.institution}_${d.from}_${d.to}.csv`, caseExports(d, r)),
          tableWithCsv('Completeness and timeliness', compColumns, comp, `completeness_${d.institution}_${d.from}_${d.to}.csv`)),
      ];
    });
  }

  /** The gateway's aggregate export, one file per data element, for the same unit and periods. */
  function caseExports(d, r) {
    const quarterly = r.formId === 'court-quarterly';
    const start = value => {
      const [y, m] = value.split('-').map(Number);
      const first = quarterly ? Math.floor((m - 1) / 3) * 3 + 1 : m;
      return `${y}-${String(first).padStart(2, '0')}-01`;
    };
    return r.series.map(s => ({
      label: `CSV: ${s.label.toLowerCase()}`,
      fileName: `${s.elementId}_${d.institution}_${d.from}_${d.to}.csv`,
      route: routes.reporting.aggregatesCsv({
        formId: r.formId, elementId: s.elementId, unitId: d.institution, periodFrom: start(d.from), periodTo: start(d.to),
        grouping: quarterly ? 'Quarter' : 'Month', level: 'Total', includeInProgress: true,
      }),
    }));
  }

  /**
   * A published count ({ value, protection }) of the structure and training sections: "protected" (with why) for a
   * count too small to publish, "no data" where nobody is counted, never a zero that stands for either.
   */
  function count(f) {
    if (f && f.value !== null && f.value !== undefined) return fmtNumber(f.value);
    if (f && f.protection === 'protected') {
      return h('span', { class: 'suppressed', title: 'Protected: too few people to publish this count.', 'data-protected': 'true' },
        'protected', h('span', { class: 'skip' }, ' (too few people to publish)'));
    }
    return h('span', { class: 'muted', title: 'Nobody is counted here.' }, 'no data');
  }
  const countCsv = f => f && f.value !== null && f.value !== undefined ? f.value : (f && f.protection === 'protected' ? 'protected' : 'no data');
  const percent = (value, digits = 1) => value === null || value === undefined ? count({ protection: 'protected' }) : `${fmtNumber(value, digits)} %`;
  /** One line under a section whose counts are protected: what the reader is looking at. */
  const countsNote = method => method && method.method !== 'exact'
    ? h('p', { class: 'small muted' }, `Counts are rounded sums of small groups (${method.baseCellGrain}); “protected” marks a count too small to publish, so no group of fewer than ${method.threshold} people can be worked out.`)
    : null;

  function structureSection(d, applies) {
    const stations = applies('focal_point_coverage');
    return sectionCard(stations ? 'Focal points, composition and gender bodies' : 'Composition and gender bodies', d.structure, s => {
      const c = s.composition;
      const cov = s.coverage;
      const regions = s.coverageByRegion || [];
      const bands = c ? c.byRankBand || [] : [];
      const withCoverage = stations && cov;
      return [
        h('div', { class: 'grid-3' },
          withCoverage ? kpi('Focal-point coverage', `${fmtNumber(cov.coveragePercent, 1)} %`, `${cov.stationsWithFocalPoint} of ${cov.stationsActive} stations`) : null,
          c ? kpi('Women, all ranks', percent(c.womenSharePercent), h('span', {}, count(c.women), ' of ', count(c.total))) : kpi('Women, all ranks', 'not published', s.compositionNote || ''),
          c ? kpi('Women in senior ranks', percent(c.seniorWomenSharePercent), h('span', {}, count(c.seniorWomen), ' of ', count(c.seniorTotal))) : kpi('Women in senior ranks', 'not published', '')),
        s.compositionNote ? h('p', { class: 'small muted', 'data-composition-note': 'true' }, s.compositionNote) : null,
        c ? countsNote(c.protectionMethod) : null,
        h('div', { class: 'grid-2' },
          withCoverage ? h('div', {}, h('h3', {}, 'Focal-point coverage by region'), barChart(shortNames(regions.map(r => r.name)), [{ label: 'Coverage %', values: regions.map(r => r.coveragePercent) }],
            { percent: true, horizontal: true, describe: 'Share of stations with a focal point, by region' })) : null,
          h('div', {}, h('h3', {}, 'Women\'s share by rank band'), barChart(bands.map(b => words(b.rankBand)), [{ label: 'Women %', values: bands.map(b => b.womenSharePercent ?? null) }],
            { percent: true, describe: 'Share of women by rank band' }))),
        h('div', { class: 'grid-2' },
          !withCoverage ? null : tableWithCsv('Coverage by region', [
            { label: 'Region', key: 'name' },
            { label: 'Stations', key: 'stationsActive', num: true },
            { label: 'With focal point', key: 'stationsWithFocalPoint', num: true },
            { label: 'Coverage %', num: true, csv: r => r.coveragePercent, render: r => fmtNumber(r.coveragePercent, 1) },
          ], regions, `coverage_${d.institution}_${d.from}_${d.to}.csv`),
          tableWithCsv('Women\'s share by rank band', [
            { label: 'Rank band', render: b => words(b.rankBand), csv: b => b.rankBand },
            { label: 'Women', num: true, render: b => count(b.women), csv: b => countCsv(b.women) },
            { label: 'Men', num: true, render: b => count(b.men), csv: b => countCsv(b.men) },
            { label: 'Women %', num: true, csv: b => b.womenSharePercent ?? 'protected', render: b => percent(b.womenSharePercent) },
          ], bands, `rank_bands_${d.institution}_${d.to}.csv`)),
        tableWithCsv('Gender bodies: meetings held vs planned', [
          { label: 'Body', key: 'name' },
          { label: 'Kind', render: b => words(b.kind), csv: b => b.kind },
          { label: 'Planned', key: 'meetingsPlanned', num: true },
          { label: 'Held', key: 'meetingsHeld', num: true },
          { label: 'Quorum met', key: 'meetingsQuorumMet', num: true },
          { label: 'Actions done / total', render: b => `${b.actionsDone} / ${b.actionsTotal}`, csv: b => `${b.actionsDone}/${b.actionsTotal}` },
          { label: 'Overdue actions', key: 'actionsOverdue', num: true },
        ], s.bodies || [], `gender_bodies_${d.institution}_${d.from}_${d.to}.csv`),
      ];
    });
  }

  /**
   * The KJA survey's question: women and communities among judges and among prosecutors, from the composition's
   * protected base cells (community is special-category data: oversight sees only protected sums).
   */
  function judicialRolesSection(d) {
    return sectionCard('Judges and prosecutors', d.structure, s => {
      const c = s.composition;
      const roles = c?.judicialRoles || [];
      if (!roles.length) return h('p', { class: 'muted' }, s.compositionNote || 'No judges or prosecutors are recorded for this date.');
      const title = role => role === 'judge' ? 'Judges' : role === 'prosecutor' ? 'Prosecutors' : words(role);
      const rows = roles.flatMap(r => r.communities.map(x => ({ role: r.role, ...x })));
      return [
        h('div', { class: 'grid-3' }, roles.map(r => kpi(`Women among ${title(r.role).toLowerCase()}`, percent(r.womenSharePercent),
          h('span', { 'data-judicial-role': r.role }, count(r.women), ' of ', count(r.total))))),
        countsNote(c.protectionMethod),
        h('div', { class: 'grid-2' },
          h('div', {}, h('h3', {}, 'Women\'s share: judges and prosecutors'), barChart(roles.map(r => title(r.role)), [{ label: 'Women %', values: roles.map(r => r.womenSharePercent ?? null) }],
            { percent: true, describe: 'Share of women among judges and among prosecutors' })),
          tableWithCsv('Judges and prosecutors by community', [
            { label: 'Role', render: x => title(x.role), csv: x => x.role },
            { label: 'Community', key: 'community' },
            { label: 'Women', num: true, render: x => count(x.women), csv: x => countCsv(x.women) },
            { label: 'Men', num: true, render: x => count(x.men), csv: x => countCsv(x.men) },
          ], rows, `judges_prosecutors_by_community_${d.institution}_${d.to}.csv`)),
      ];
    });
  }

  function trainingSection(d) {
    return sectionCard('Training compliance', d.training, t => {
      const regions = t.byRegion || [];
      const column = (label, field) => ({ label, num: true, render: r => count(r.compliance[field]), csv: r => countCsv(r.compliance[field]) });
      const complianceColumns = first => [
        first,
        column('Required', 'required'),
        column('Valid', 'valid'),
        column('Expiring', 'expiring'),
        { label: 'Compliant %', num: true, render: r => percent(r.compliance.sharePercent), csv: r => r.compliance.sharePercent ?? 'protected' },
      ];
      const o = t.overall;
      return [
        h('div', { class: 'grid-3' },
          kpi('Compliant with mandatory training', percent(o.sharePercent), h('span', {}, count(o.valid), ' of ', count(o.required), ' officers')),
          kpi('Certificates expiring soon', count(o.expiring), ''),
          kpi('Qualified trainers', count(t.qualifiedTrainers),
            `${t.traineesPerTrainer === null || t.traineesPerTrainer === undefined ? 'not published' : fmtNumber(t.traineesPerTrainer, 1)} trainees per trainer · ` +
            `${t.trainingHoursPerOfficer === null || t.trainingHoursPerOfficer === undefined ? 'not published' : fmtNumber(t.trainingHoursPerOfficer, 1)} h per officer`)),
        countsNote(t.protectionMethod),
        // An institution without regions (the judiciary) has no regional breakdown to show.
        !regions.length ? null : h('div', { class: 'grid-2' },
          h('div', {}, h('h3', {}, 'Compliance by region'), barChart(shortNames(regions.map(r => r.name)), [{ label: 'Compliant %', values: regions.map(r => r.compliance.sharePercent ?? null) }],
            { percent: true, horizontal: true, describe: 'Share of officers compliant with mandatory training, by region' })),
          tableWithCsv('Compliance by region', complianceColumns({ label: 'Region', key: 'name' }), regions, `compliance_by_region_${d.institution}_${d.to}.csv`)),
        tableWithCsv('Compliance by curriculum', complianceColumns({ label: 'Curriculum', render: r => `${r.title} (${r.code})`, csv: r => r.code }), t.curricula || [], `compliance_by_curriculum_${d.institution}_${d.to}.csv`),
      ];
    });
  }

  await load();
}

/** Chart labels without the words every label shares ("Regional Police Directorate Ferizaj" -> "Ferizaj"). */
function shortNames(names) {
  if (names.length < 2) return names;
  const split = names.map(n => n.split(' '));
  let common = 0;
  while (split.every(w => w.length > common + 1 && w[common] === split[0][common])) common++;
  return split.map(w => w.slice(common).join(' '));
}

/**
 * A reporting figure: exact or adjusted as a number; protected as "protected" and no data as "no data", never 0.
 * The title says what the mark means, for readers who hover or use a screen reader.
 */
function countFigure(p, method) {
  if (!p || p.protection === 'no_data' || p.coverage === 'no_data') {
    return h('span', { class: 'no-data', 'data-protection': 'no_data', 'data-coverage': 'no_data', title: 'No data: no approved report for this period.' }, 'no data');
  }
  const figure = p.protection === 'protected'
    ? h('span', { class: 'suppressed', 'data-protection': 'protected', title: `Protected: below ${method?.threshold || 'the threshold'}, too small to publish without identifying people.` },
      'protected')
    : h('span', { 'data-protection': p.protection, title: p.protection === 'adjusted' ? 'Adjusted: a sum of protected base counts; it may differ from the true count by a few.' : 'Exact count.' },
      fmtNumber(p.value));
  if (p.coverage !== 'incomplete') return h('span', { 'data-coverage': 'complete' }, figure);
  return h('span', { 'data-coverage': 'incomplete', title: 'Not every expected report is approved yet: not comparable with complete periods.' },
    figure, ' ', h('span', { class: 'incomplete' }, `incomplete (${p.reports} of ${p.expectedReports})`));
}

function csvCount(p) {
  if (!p || p.protection === 'no_data' || p.coverage === 'no_data') return 'no data';
  const figure = p.protection === 'protected' ? 'protected' : p.value;
  return p.coverage === 'incomplete' ? `${figure} incomplete (${p.reports} of ${p.expectedReports})` : figure;
}

/** For the chart: what an incomplete or missing point is, in words; null for a complete one. */
function coverageNote(p, inProgress = false) {
  const running = inProgress ? 'in progress, ' : '';
  if (!p || p.coverage === 'no_data') return `${running}no data`;
  if (p.coverage === 'incomplete') return `${running}incomplete: ${p.reports} of ${p.expectedReports} reports`;
  return inProgress ? 'in progress: not final' : null;
}

/** What adjusted and protected mean, under the cases chart and table, in the reader's words. */
function protectionNote(method) {
  return h('p', { class: 'small muted', 'data-protection-note': 'true' },
    `Adjusted figures are sums of protected base counts (${method.baseCellGrain}): a base count from 1 to ${method.threshold} is published as 0 or ${method.roundingBase}, ` +
    'at random but the same way every time, so totals stay unbiased and close to the truth. ' +
    `“protected” marks a figure below ${method.threshold}, which is not published; “no data” means no approved report. ` +
    'A gap in a line is a protected or missing period, never a zero. Station detail is not published.');
}

/** What incomplete means; shown for every reader, since missing reports affect exact figures too. */
function incompleteNote() {
  return h('p', { class: 'small muted', 'data-coverage-note': 'true' },
    '“incomplete (n of m)” marks a period for which only n of the m expected reports are approved: its figure will still grow, ' +
    'is drawn hollow with a dashed line, and no change is computed from or to it.');
}

function kpi(title, value, detail) {
  return h('div', { class: 'card' }, h('div', { class: 'small muted' }, title), h('div', { class: 'kpi' }, value), detail ? h('div', { class: 'small' }, detail) : null);
}

/** A day (yyyy-MM-dd), or today (UTC, as the gateway counts days) if it is later. */
function notAfterToday(day) {
  const today = new Date().toISOString().slice(0, 10);
  return day > today ? today : day;
}

function lastDay(month) {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Saves rows as CSV with a header row; suppressed figures are written as "suppressed", never as 0. */
function saveCsv(fileName, columns, rows) {
  const cell = v => {
    const s = v === undefined || v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [columns.map(c => cell(c.label)).join(','),
    ...rows.map(r => columns.map(c => cell(c.csv ? c.csv(r) : c.key ? r[c.key] : '')).join(','))].join('\r\n');
  const url = URL.createObjectURL(new Blob([text + '\r\n'], { type: 'text/csv' }));
  const a = h('a', { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

