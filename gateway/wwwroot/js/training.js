// Training officer: curricula, sessions with capacity and waitlist, enrolment, attendance and results entry,
// certificate issuance, and the officers due for recertification - for the officer's institution.
import { get, post, put, newKey } from './api.js';
import { routes } from './routes.js';
import { h, $, fill, header, requireRole, badge, norm, table, problemBox, successBox, showProblem, busy, list, field, byName, clearFieldErrors, fmtNumber, uid, turns } from './ui.js';

header('training.html');
const who = requireRole('training_officer');
const page = $('#page');

if (who) start().catch(e => showProblem($('#page-problem'), e));

async function start() {
  const institution = who.institution;
  const notice = successBox();
  const curriculaBox = h('div');
  const sessionsBox = h('div');
  const sessionPanel = h('section', { class: 'card', id: 'session', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Open a session to enrol officers, record attendance and results, and issue certificates.'));
  const dueBox = h('div');
  const certificatesBox = h('div');
  let curricula = [];

  page.replaceChildren(
    h('p', { class: 'muted' }, `Institution: ${institution || '(none in your token)'}`),
    h('nav', { class: 'small', 'aria-label': 'Sections' }, h('a', { href: '#sessions' }, 'Sessions'), ' · ', h('a', { href: '#curricula' }, 'Curricula'),
      ' · ', h('a', { href: '#due' }, 'Due for recertification'), ' · ', h('a', { href: '#certificates' }, 'Certificates')),
    notice,
    h('section', { class: 'card', id: 'sessions' }, h('h2', {}, 'Sessions'), h('p', { class: 'small muted' }, 'Sessions that started in the last three months or start later.'), sessionsBox, createSessionForm()),
    sessionPanel,
    h('section', { class: 'card', id: 'curricula' }, h('h2', {}, 'Curricula'), curriculaBox),
    h('section', { class: 'card', id: 'due' }, h('h2', {}, 'Officers due for recertification'), h('p', { class: 'small muted' }, 'The 25 whose certificates expire soonest.'), dueBox),
    h('section', { class: 'card', id: 'certificates' }, h('h2', {}, 'Certificates'), h('p', { class: 'small muted' }, 'The latest ten.'), certificatesBox));

  async function loadCurricula() {
    try {
      curricula = list(await get(routes.training.curricula), 'curricula');
      curriculaBox.replaceChildren(table([
        { label: 'Code', key: 'code' },
        { label: 'Title', key: 'title' },
        { label: 'Version', key: 'version', num: true },
        { label: 'Hours', num: true, render: c => fmtNumber(c.totalHours, 1) },
        { label: 'Valid for', render: c => c.validityMonths ? `${c.validityMonths} months` : 'no expiry' },
        { label: 'Pass mark', render: c => c.passMark !== undefined ? `${c.passMark}` : '' },
        { label: 'Min. attendance', render: c => c.minimumAttendancePercent !== undefined ? `${c.minimumAttendancePercent} %` : '' },
      ], curricula, { caption: 'Curricula' }));
      const choice = $('select[name="curriculumId"]');
      // Sessions are planned on the curricula the officer's institution owns (all, if it owns none).
      const own = curricula.filter(c => c.institutionId === institution);
      if (choice) choice.replaceChildren(...(own.length ? own : curricula).map(c => h('option', { value: c.id }, `${c.title} (${c.code} v${c.version})`)));
    } catch (e) {
      curriculaBox.replaceChildren(problemBox());
      showProblem(curriculaBox.firstChild, e);
    }
  }

  async function loadTrainers() {
    const choice = $('select[name="trainerServiceNumbers"]');
    try {
      const trainers = list(await get(routes.training.trainers({ institutionId: institution, pageSize: 200 })), 'items');
      choice.replaceChildren(...trainers.map(t => h('option', { value: t.serviceNumber },
        `${t.name} (${t.serviceNumber})${t.qualifiedUntil ? `, qualified until ${t.qualifiedUntil}` : ''}`)));
    } catch (e) {
      showProblem($('#page-problem'), e);
    }
  }

  const sessionLoads = turns(), sessionOpens = turns(), dueLoads = turns(), certificateLoads = turns();
  async function loadSessions() {
    const turn = sessionLoads();
    try {
      // Recent and coming sessions: those that started in the last three months or start later.
      const since = new Date(Date.now() - 92 * 86400000).toISOString().slice(0, 10);
      const sessions = list(await get(routes.training.sessions({ institutionId: institution, startsFrom: since, pageSize: 100 })), 'sessions');
      if (!turn()) return;
      sessionsBox.replaceChildren(table([
        { label: 'Curriculum', render: s => s.curriculumTitle || s.curriculumCode },
        { label: 'Location', key: 'location' },
        { label: 'Dates', render: s => `${s.startDate} – ${s.endDate}` },
        { label: 'Capacity', key: 'capacity', num: true },
        { label: 'Enrolled', key: 'enrolled', num: true },
        { label: 'Waitlist', num: true, render: s => s.waitlisted ? badge('waitlisted', String(s.waitlisted)) : '0' },
        { label: 'Free places', num: true, render: s => Math.max(0, (s.capacity || 0) - (s.enrolled || 0)) },
        { label: '', render: s => h('button', { type: 'button', onclick: () => openSession(s.id), 'aria-label': `Open the session at ${s.location} from ${s.startDate}` }, 'Open') },
      ], sessions, { caption: 'Sessions', empty: 'No sessions yet.' }));
    } catch (e) {
      if (!turn()) return;
      sessionsBox.replaceChildren(problemBox());
      showProblem(sessionsBox.firstChild, e);
    }
  }

  function createSessionForm() {
    const problem = problemBox();
    const form = h('form', { novalidate: true, 'aria-label': 'Plan a session' },
      h('h3', {}, 'Plan a session'),
      h('div', { class: 'row' },
        field('Curriculum', h('select', { name: 'curriculumId' })),
        field('Location', h('input', { name: 'location', type: 'text' })),
        field('Start date', h('input', { name: 'startDate', type: 'date' })),
        field('End date', h('input', { name: 'endDate', type: 'date' })),
        field('Capacity', h('input', { name: 'capacity', type: 'number', min: '1', step: '1' })),
        field('Trainers', h('select', { name: 'trainerServiceNumbers', multiple: true, size: 4 }),
          'The trainer pool: a training-of-trainers certificate valid today. Choose one or more (Ctrl or Shift for several).')),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Create session')),
      problem);
    let key = newKey();
    form.addEventListener('submit', async e => {
      e.preventDefault();
      clearFieldErrors(form);
      problem.textContent = '';
      const v = name => form.elements[name].value.trim();
      await busy(form.querySelector('button[type=submit]'), async () => {
        try {
          const answer = await post(routes.training.sessions(), {
            curriculumId: v('curriculumId'), institutionId: institution, location: v('location'), startDate: v('startDate'), endDate: v('endDate'),
            capacity: v('capacity') === '' ? 0 : Number(v('capacity')),
            trainerServiceNumbers: [...form.elements.trainerServiceNumbers.selectedOptions].map(o => o.value),
          }, { idempotencyKey: key });
          key = newKey();
          const session = answer.session || answer;
          notice.textContent = `Session created at ${session.location}, ${session.startDate} – ${session.endDate}.`;
          form.reset();
          await loadSessions();
          await openSession(session.id);
        } catch (err) {
          showProblem(problem, err, byName(form));
        }
      });
    });
    return form;
  }

  async function openSession(id) {
    const turn = sessionOpens();
    let data;
    try {
      data = await get(routes.training.session(id));
    } catch (e) {
      if (!turn()) return;
      sessionPanel.replaceChildren(problemBox());
      showProblem(sessionPanel.firstChild, e);
      return;
    }
    if (!turn()) return;
    const session = data.session || data;
    const enrolments = list(data.enrolments ?? [], 'enrolments');
    const problem = problemBox();
    const done = successBox();
    const active = enrolments.filter(e => norm(e.status, 'enrolment_status_') !== 'withdrawn');
    const enrolled = active.filter(e => norm(e.status, 'enrolment_status_') === 'enrolled');

    // Enrolment
    const enrolForm = h('form', { class: 'row', novalidate: true, 'aria-label': 'Enrol an officer' },
      field('Service number', h('input', { name: 'serviceNumber', type: 'text', autocomplete: 'off' })),
      h('div', { class: 'field' }, h('button', { type: 'submit', class: 'primary' }, 'Enrol')));
    enrolForm.addEventListener('submit', async e => {
      e.preventDefault();
      clearFieldErrors(enrolForm);
      problem.textContent = '';
      await busy(enrolForm.querySelector('button'), async () => {
        try {
          const answer = await post(routes.training.enrolments(id), { serviceNumber: enrolForm.elements.serviceNumber.value.trim() });
          const enrolment = answer.enrolment || answer;
          const status = norm(enrolment.status, 'enrolment_status_');
          await openSession(id);
          $('#session .success').textContent = status === 'waitlisted'
            ? `${enrolment.name} is on the waitlist (place ${enrolment.waitlistPosition}): the session is full.`
            : `${enrolment.name} is enrolled.`;
          await loadSessions();
        } catch (err) {
          showProblem(problem, err, byName(enrolForm));
        }
      });
    });

    // Attendance for one day: a checkbox per enrolled officer.
    const days = sessionDays(session.startDate, session.endDate);
    const dayChoice = h('select', { name: 'day' }, days.map(d => h('option', { value: d }, d)));
    const attendanceForm = h('form', { novalidate: true, 'aria-label': 'Record attendance' },
      h('div', { class: 'row' }, field('Day', dayChoice)),
      h('fieldset', {}, h('legend', {}, 'Present'),
        enrolled.length ? enrolled.map(e => {
          const cb = h('input', { type: 'checkbox', name: `present:${e.serviceNumber}`, id: uid('att'), checked: true });
          return h('div', {}, cb, ' ', h('label', { for: cb.id, style: 'display:inline;font-weight:400' }, `${e.name} (${e.serviceNumber})`));
        }) : h('p', { class: 'muted' }, 'Nobody is enrolled yet.')),
      h('div', { class: 'actions' }, h('button', { type: 'submit', disabled: !enrolled.length }, 'Record attendance')));
    attendanceForm.addEventListener('submit', async e => {
      e.preventDefault();
      problem.textContent = '';
      await busy(attendanceForm.querySelector('button'), async () => {
        try {
          await put(routes.training.attendance(id, dayChoice.value), {
            marks: enrolled.map(x => ({ serviceNumber: x.serviceNumber, present: attendanceForm.elements[`present:${x.serviceNumber}`].checked })),
          });
          await openSession(id);
          $('#session .success').textContent = `Attendance recorded for ${dayChoice.value}.`;
        } catch (err) {
          showProblem(problem, err, byName(attendanceForm));
        }
      });
    });

    // Results and certificates, one row per enrolled officer.
    const resultsTable = table([
      { label: 'Officer', render: e => `${e.name} (${e.serviceNumber})` },
      { label: 'Status', render: e => badge(norm(e.status, 'enrolment_status_'), norm(e.status, 'enrolment_status_') === 'waitlisted' ? `waitlisted #${e.waitlistPosition}` : undefined) },
      { label: 'Days attended', num: true, render: e => `${(e.daysAttended || []).length} / ${days.length}` },
      { label: 'Pre-test', render: e => scoreInput(e, 'preTestScore', 'pre-test') },
      { label: 'Post-test', render: e => scoreInput(e, 'postTestScore', 'post-test') },
      { label: '', render: e => norm(e.status, 'enrolment_status_') !== 'enrolled' ? '' : h('div', { class: 'actions', style: 'margin:0' },
          h('button', { type: 'button', onclick: ev => saveResults(ev.currentTarget, e) }, 'Save results'),
          e.certificateId ? h('span', { class: 'badge valid' }, 'certificate issued')
            : h('button', { type: 'button', class: 'primary', onclick: ev => issue(ev.currentTarget, e) }, 'Issue certificate')) },
    ], active, { caption: 'Enrolled officers', empty: 'Nobody is enrolled yet.' });

    function scoreInput(e, key, what) {
      if (norm(e.status, 'enrolment_status_') !== 'enrolled') return '';
      const input = h('input', { type: 'number', min: '0', max: '100', step: '0.5', name: `${key}:${e.serviceNumber}`, 'aria-label': `${what} score of ${e.name}`, style: 'width:5.5rem',
        value: e[key] === undefined || e[key] === null ? '' : String(e[key]) });
      return h('div', { class: 'cell' }, input);
    }

    async function saveResults(button, e) {
      problem.textContent = '';
      clearFieldErrors(sessionPanel);
      const pre = sessionPanel.querySelector(`[name="preTestScore:${CSS.escape(e.serviceNumber)}"]`);
      const postScore = sessionPanel.querySelector(`[name="postTestScore:${CSS.escape(e.serviceNumber)}"]`);
      await busy(button, async () => {
        try {
          await put(routes.training.results(id, e.serviceNumber), {
            preTestScore: pre.value === '' ? null : Number(pre.value),
            postTestScore: postScore.value === '' ? null : Number(postScore.value),
          });
          done.textContent = `Results saved for ${e.name}.`;
        } catch (err) {
          showProblem(problem, err, f => /pre/i.test(f) ? pre : /post/i.test(f) ? postScore : null);
        }
      });
    }

    async function issue(button, e) {
      problem.textContent = '';
      await busy(button, async () => {
        try {
          const answer = await post(routes.training.issue(id, e.serviceNumber), undefined, { idempotencyKey: `issue-${id}-${e.serviceNumber}` });
          const c = answer.certificate || answer;
          await openSession(id);
          const box = $('#session .success');
          box.replaceChildren(`Certificate ${c.number} issued to ${c.holderName}, valid until ${c.expiresOn || 'no expiry'}. Verification code: `,
            h('strong', { 'data-verification-code': c.verificationCode }, c.verificationCode), ' · ',
            h('a', { href: `verify.html?code=${encodeURIComponent(c.verificationCode)}` }, 'check it on the public page'));
          await loadCertificates();
        } catch (err) {
          showProblem(problem, err);
        }
      });
    }

    fill(sessionPanel,
      h('h2', {}, `${session.curriculumTitle || session.curriculumCode}: ${session.location}`),
      h('p', {}, `${session.startDate} – ${session.endDate} · capacity ${session.capacity} · enrolled ${session.enrolled} · waitlist ${session.waitlisted}`,
        session.trainers?.length ? ` · trainers: ${session.trainers.map(t => t.name).join(', ')}` : ''),
      session.demonstration ? h('p', { class: 'demo small' }, 'Synthetic demonstration data.') : null,
      done, problem,
      h('div', { class: 'grid-2' }, h('div', {}, h('h3', {}, 'Enrol an officer'), enrolForm), h('div', {}, h('h3', {}, 'Attendance'), attendanceForm)),
      h('h3', {}, 'Results and certificates'), resultsTable);
  }

  async function loadDue() {
    const turn = dueLoads();
    try {
      const items = list(await get(routes.training.dueForRecertification({ institutionId: institution, pageSize: 25 })), 'items');
      if (!turn()) return;
      dueBox.replaceChildren(table([
        { label: 'Officer', render: i => `${i.certificate.holderName} (${i.certificate.serviceNumber})` },
        { label: 'Curriculum', render: i => i.certificate.curriculumTitle || i.certificate.curriculumCode },
        { label: 'Expires', render: i => i.certificate.expiresOn },
        { label: 'Days left', num: true, render: i => i.daysToExpiry < 0 ? badge('expired', `expired ${-i.daysToExpiry} days ago`) : String(i.daysToExpiry) },
      ], items, { caption: 'Officers due for recertification', empty: 'Nobody is due for recertification.' }));
    } catch (e) {
      if (!turn()) return;
      dueBox.replaceChildren(problemBox());
      showProblem(dueBox.firstChild, e);
    }
  }

  async function loadCertificates() {
    const turn = certificateLoads();
    try {
      const certificates = list(await get(routes.training.certificates({ institutionId: institution, pageSize: 10 })), 'certificates');
      if (!turn()) return;
      certificatesBox.replaceChildren(table([
        { label: 'Number', key: 'number' },
        { label: 'Holder', render: c => `${c.holderName} (${c.serviceNumber})` },
        { label: 'Curriculum', render: c => c.curriculumTitle || c.curriculumCode },
        { label: 'Issued', key: 'issuedOn' },
        { label: 'Expires', render: c => c.expiresOn || 'no expiry' },
        { label: 'Status', render: c => badge(norm(c.status, 'certificate_status_')) },
        { label: 'Verification code', key: 'verificationCode' },
      ], certificates, { caption: 'Certificates', empty: 'No certificates yet.' }));
    } catch (e) {
      if (!turn()) return;
      certificatesBox.replaceChildren(problemBox());
      showProblem(certificatesBox.firstChild, e);
    }
  }

  await loadCurricula();
  await Promise.all([loadTrainers(), loadSessions(), loadDue(), loadCertificates()]);
}

function sessionDays(start, end) {
  const out = [];
  if (!start || !end) return out;
  for (let d = new Date(`${start}T00:00:00Z`); d <= new Date(`${end}T00:00:00Z`) && out.length < 60; d.setUTCDate(d.getUTCDate() + 1)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

