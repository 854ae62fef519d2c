// Administrator: stations and units, focal-point appointments, gender bodies and their meetings.
import { get, post, newKey } from './api.js';
import { routes } from './routes.js';
import { h, $, header, requireRole, badge, norm, words, table, problemBox, successBox, showProblem, busy, list, field, select, byName, clearFieldErrors, today, uid, turns } from './ui.js';

header('admin.html');
const who = requireRole('administrator');
const page = $('#page');

const UNIT_KINDS = ['directorate', 'region', 'station', 'unit', 'court'];

if (who) start().catch(e => showProblem($('#page-problem'), e));

async function start() {
  const institution = h('select', { name: 'institution' });
  const notice = successBox();
  const unitsBox = h('div');
  const appointmentsBox = h('div');
  const bodiesBox = h('div');
  const bodyPanel = h('div', { 'aria-live': 'polite' });
  let units = [];

  page.replaceChildren(
    h('form', { class: 'card row', novalidate: true, onsubmit: e => e.preventDefault() }, field('Institution', institution)),
    notice,
    h('section', { class: 'card', id: 'units' }, h('h2', {}, 'Stations and units'), unitsBox, unitForm()),
    h('section', { class: 'card', id: 'appointments' }, h('h2', {}, 'Focal-point appointments'), appointmentsBox, appointForm()),
    h('section', { class: 'card', id: 'bodies' }, h('h2', {}, 'Gender bodies'), bodiesBox, bodyPanel));

  try {
    for (const i of await get(routes.institutions)) institution.append(h('option', { value: i.id }, i.name));
  } catch (e) {
    showProblem($('#page-problem'), e);
    return;
  }
  if ([...institution.options].some(o => o.value === 'kp')) institution.value = 'kp';
  institution.addEventListener('change', loadAll);
  const unitLoads = turns(), appointmentLoads = turns(), bodyLoads = turns(), bodyOpens = turns();

  function unitOptions(kinds) {
    return units.filter(u => !kinds || kinds.includes(norm(u.kind, 'organisation_unit_kind_'))).map(u => [u.id, `${u.name} (${u.id})`]);
  }

  async function loadUnits() {
    const turn = unitLoads();
    try {
      const answer = list(await get(routes.structure.institutionUnits(institution.value, { pageSize: 500 })), 'units');
      if (!turn()) return;
      units = answer;
      unitsBox.replaceChildren(table([
        { label: 'Id', key: 'id' },
        { label: 'Name', key: 'name' },
        { label: 'Kind', render: u => words(norm(u.kind, 'organisation_unit_kind_')) },
        { label: 'Parent', key: 'parentId' },
        { label: 'Opened', key: 'openedOn' },
        { label: 'Closed', render: u => u.closedOn ? badge('revoked', u.closedOn) : '' },
      ], units, { caption: 'Units of the institution' }));
      for (const s of page.querySelectorAll('select[data-units]')) {
        const kinds = s.dataset.units ? s.dataset.units.split(',') : null;
        s.replaceChildren(...unitOptions(kinds).map(([v, t]) => h('option', { value: v }, t)));
        s.dispatchEvent(new Event('change'));
      }
    } catch (e) {
      if (!turn()) return;
      unitsBox.replaceChildren(problemBox());
      showProblem(unitsBox.firstChild, e);
    }
  }

  function unitForm() {
    const problem = problemBox();
    const parent = h('select', { name: 'parentId', 'data-units': '' });
    const form = h('form', { novalidate: true, 'aria-label': 'Add a unit' }, h('h3', {}, 'Add a station or unit'),
      h('div', { class: 'row' },
        field('Id', h('input', { name: 'id', type: 'text' }), 'Lowercase letters, digits and hyphens.'),
        field('Name', h('input', { name: 'name', type: 'text' })),
        field('Kind', select('kind', UNIT_KINDS.map(k => [k, words(k)]), 'station')),
        field('Parent', parent),
        field('Opened on', h('input', { name: 'openedOn', type: 'date', value: today() }))),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Add unit')), problem);
    form.addEventListener('submit', e => submit(e, form, problem, routes.structure.units, f => ({
      id: f.id.value.trim(), name: f.name.value.trim(), kind: f.kind.value, parentId: f.parentId.value, openedOn: f.openedOn.value,
    }), r => `Unit ${(r.unit || r).name} added.`, loadUnits));
    return form;
  }

  async function loadAppointments() {
    const turn = appointmentLoads();
    try {
      const items = list(await get(routes.structure.focalPointsUnder(institution.value, { pageSize: 500 })), 'appointments');
      if (!turn()) return;
      appointmentsBox.replaceChildren(table([
        { label: 'Station', key: 'unitId' },
        { label: 'Focal point', key: 'personName' },
        { label: 'Sex', render: a => words(norm(a.personSex, 'sex_')) },
        { label: 'From', key: 'startOn' },
        { label: 'Until', render: a => a.endOn || 'open-ended' },
        { label: '', render: a => a.endOn && a.endOn <= today() ? '' : h('button', { type: 'button', onclick: ev => endAppointment(ev.currentTarget, a), 'aria-label': `End the appointment of ${a.personName}` }, 'End today') },
      ], items, { caption: 'Focal-point appointments', empty: 'No appointments.' }));
    } catch (e) {
      if (!turn()) return;
      appointmentsBox.replaceChildren(problemBox());
      showProblem(appointmentsBox.firstChild, e);
    }
  }

  async function endAppointment(button, a) {
    await busy(button, async () => {
      try {
        await post(routes.structure.endAppointment(a.id), { endOn: today(), expectedVersion: a.version });
        notice.textContent = `The appointment of ${a.personName} at ${a.unitId} ends today.`;
        await loadAppointments();
      } catch (e) {
        showProblem($('#page-problem'), e);
      }
    });
  }

  function appointForm() {
    const problem = problemBox();
    const station = h('select', { name: 'unitId', 'data-units': 'station,court,unit' });
    const person = h('select', { name: 'personId' });
    const peopleLoads = turns();
    station.addEventListener('change', async () => {
      const turn = peopleLoads();
      try {
        const people = list(await get(routes.structure.personnel(station.value, { pageSize: 200 })), 'items');
        if (!turn()) return;
        person.replaceChildren(...people.map(p => h('option', { value: p.id }, `${p.givenName} ${p.familyName} (${p.serviceNumber}, ${p.rankCode})`)));
      } catch (e) {
        if (turn()) showProblem(problem, e);
      }
    });
    const form = h('form', { novalidate: true, 'aria-label': 'Appoint a focal point' }, h('h3', {}, 'Appoint a focal point'),
      h('div', { class: 'row' },
        field('Station', station),
        field('Officer', person),
        field('From', h('input', { name: 'startOn', type: 'date', value: today() })),
        field('Until (optional)', h('input', { name: 'endOn', type: 'date' }))),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Appoint')), problem);
    form.addEventListener('submit', e => submit(e, form, problem, routes.structure.appoint, f => ({
      unitId: f.unitId.value, personId: f.personId.value, startOn: f.startOn.value, endOn: f.endOn.value,
    }), r => `${(r.appointment || r).personName} appointed focal point of ${(r.appointment || r).unitId}.`, loadAppointments));
    return form;
  }

  async function loadBodies() {
    const turn = bodyLoads();
    bodyOpens();
    try {
      const bodies = list(await get(routes.structure.bodies({ unitId: institution.value, pageSize: 100 })), 'bodies');
      if (!turn()) return;
      bodiesBox.replaceChildren(table([
        { label: 'Name', key: 'name' },
        { label: 'Kind', render: b => words(norm(b.kind, 'gender_body_kind_')) },
        { label: 'Owner', key: 'ownerUnitId' },
        { label: 'Established', key: 'establishedOn' },
        { label: 'Quorum', render: b => b.quorum || 'majority' },
        { label: '', render: b => h('button', { type: 'button', onclick: () => openBody(b), 'aria-label': `Meetings of ${b.name}` }, 'Meetings') },
      ], bodies, { caption: 'Gender bodies', empty: 'No gender bodies in this institution.' }));
      bodyPanel.replaceChildren();
    } catch (e) {
      if (!turn()) return;
      bodiesBox.replaceChildren(problemBox());
      showProblem(bodiesBox.firstChild, e);
    }
  }

  async function openBody(body) {
    const turn = bodyOpens();
    const problem = problemBox();
    let meetings = [];
    let members = [];
    try {
      meetings = list(await get(routes.structure.meetings(body.id)), 'meetings');
      const detail = await get(routes.structure.body(body.id));
      members = list(detail?.members ?? [], 'members').filter(m => !m.termEnd || m.termEnd > today());
    } catch (e) {
      if (!turn()) return;
      bodyPanel.replaceChildren(problem);
      showProblem(problem, e);
      return;
    }
    if (!turn()) return;
    const plan = h('form', { novalidate: true, 'aria-label': 'Plan a meeting' }, h('h4', {}, 'Plan a meeting'),
      h('div', { class: 'row' }, field('Date', h('input', { name: 'plannedOn', type: 'date' })), field('Agenda', h('input', { name: 'agenda', type: 'text', size: 40 }))),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Plan meeting')));
    plan.addEventListener('submit', e => submit(e, plan, problem, routes.structure.meetings(body.id), f => ({ plannedOn: f.plannedOn.value, agenda: f.agenda.value.trim() }),
      r => `Meeting planned for ${(r.meeting || r).plannedOn}.`, () => openBody(body)));

    const held = meeting => {
      const form = h('form', { novalidate: true, 'aria-label': `Record the meeting of ${meeting.plannedOn} as held` },
        h('div', { class: 'row' }, field('Held on', h('input', { name: 'heldOn', type: 'date', value: meeting.plannedOn }))),
        h('fieldset', {}, h('legend', {}, 'Members present'), members.map(m => {
          const id = uid('m');
          return h('div', {}, h('input', { type: 'checkbox', id, name: 'attendee', value: m.id, checked: true }), ' ',
            h('label', { for: id, style: 'display:inline;font-weight:400' }, `${m.name} (${words(norm(m.role, 'member_role_'))})`));
        })),
        h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Record as held')));
      form.addEventListener('submit', e => submit(e, form, problem, routes.structure.held(meeting.id), f => ({
        heldOn: f.heldOn.value, attendeeMemberIds: [...form.querySelectorAll('input[name=attendee]:checked')].map(x => x.value), expectedVersion: meeting.version,
      }), () => `Meeting of ${meeting.plannedOn} recorded as held.`, () => openBody(body)));
      return h('details', {}, h('summary', {}, 'Record as held'), form);
    };

    bodyPanel.replaceChildren(h('h3', {}, `Meetings of ${body.name}`), problem,
      table([
        { label: 'Planned', key: 'plannedOn' },
        { label: 'Status', render: m => badge(norm(m.status, 'meeting_status_')) },
        { label: 'Held', key: 'heldOn' },
        { label: 'Quorum', render: m => norm(m.status, 'meeting_status_') === 'held' ? (m.quorumMet ? 'met' : 'not met') : '' },
        { label: 'Agenda', key: 'agenda' },
        { label: '', render: m => norm(m.status, 'meeting_status_') === 'planned' ? held(m) : '' },
      ], meetings, { caption: `Meetings of ${body.name}`, empty: 'No meetings yet.' }),
      plan);
  }

  /** Posts a form's body and shows the answer, or each field's error next to it. */
  async function submit(event, form, problem, route, body, message, after) {
    event.preventDefault();
    clearFieldErrors(form);
    problem.textContent = '';
    form.key ||= newKey();
    await busy(form.querySelector('button[type=submit]'), async () => {
      try {
        const answer = await post(route, body(form.elements), { idempotencyKey: form.key });
        form.key = null;
        notice.textContent = message(answer);
        await after();
      } catch (e) {
        showProblem(problem, e, byName(form));
      }
    });
  }

  async function loadAll() {
    await loadUnits();
    await Promise.all([loadAppointments(), loadBodies()]);
  }

  await loadAll();
}
