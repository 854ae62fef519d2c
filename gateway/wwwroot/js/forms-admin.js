// Administrator: the versions of each report form and its validation rules, and publishing a new version from a
// period on. The definition is edited as JSON; the service checks it whole and names each problem (rules[id].left[0]),
// shown under the editor. Data access is in loadVersions/publish, the views in the render functions.
import { get, post, newKey, ApiError } from './api.js';
import { routes } from './routes.js';
import { h, $, header, requireRole, table, problemBox, successBox, showProblem, setFieldError, clearFieldErrors, byName, field, busy, fmtDate, list, turns } from './ui.js';

// The page's sentences, in one place so they can be translated.
const TEXT = {
  form: 'Form',
  versions: 'Versions',
  version: 'Version',
  validFrom: 'Applies from',
  fromTheStart: 'the first period',
  createdBy: 'Published by',
  createdAt: 'Published at',
  elements: 'Elements',
  rules: 'Rules',
  show: 'Definition',
  publishTitle: 'Publish a new version',
  publishHint: 'The first day of a period after the latest version\'s start, with no report yet. Reports keep the version they were created on.',
  definition: 'Elements, categories and rules (JSON)',
  definitionHint: 'Rule terms are "element" or "element by category,category". Every rule is checked when you publish.',
  publish: 'Publish version',
  published: v => `Version ${v.version} published; it applies from ${v.validFrom}.`,
  notJson: e => `This is not valid JSON: ${e.message}`,
  seeEditor: 'Nothing was published: the definition needs attention, see the messages under the editor.',
  seedDiffers: 'The seed files define this form differently from its latest version. Nothing was changed: publish a new version to apply the change.',
};

const DEFINITION_FIELD = /^(elements|categories|rules)\b/;

header('admin.html');
const who = requireRole('administrator');
const page = $('#page');
if (who) start().catch(e => showProblem($('#page-problem'), e));

async function start() {
  const formSelect = h('select', { name: 'form' });
  const notice = successBox();
  const seedBox = h('div', { 'aria-live': 'polite' });
  const versionsBox = h('div');
  const publishBox = h('div');
  page.replaceChildren(
    h('form', { class: 'card row', novalidate: true, onsubmit: e => e.preventDefault() }, field(TEXT.form, formSelect)),
    notice, seedBox,
    h('section', { class: 'card', id: 'versions' }, h('h2', {}, TEXT.versions), versionsBox),
    h('section', { class: 'card', id: 'publish' }, h('h2', {}, TEXT.publishTitle), publishBox));

  for (const f of list(await get(routes.reporting.forms), 'forms')) formSelect.append(h('option', { value: f.id }, f.name));
  // Choosing the form already shown keeps what is being typed; a late answer for an earlier choice is dropped.
  let chosen = null;
  formSelect.addEventListener('change', () => { if (formSelect.value !== chosen) load(); });
  const loads = turns();
  await load();

  async function load() {
    const turn = loads();
    const formId = chosen = formSelect.value;
    try {
      const answer = await loadVersions(formId);
      if (!turn()) return;
      seedBox.replaceChildren(answer.seedDiffers ? h('div', { class: 'notice', role: 'status', id: 'seed-differs' }, TEXT.seedDiffers) : '');
      versionsBox.replaceChildren(renderVersions(answer.versions));
      publishBox.replaceChildren(renderPublish(formId, answer.versions[0], notice, load));
    } catch (e) {
      if (turn()) showProblem($('#page-problem'), e);
    }
  }
}

async function loadVersions(formId) {
  return await get(routes.reporting.formVersions(formId));
}

async function publish(formId, body, latestVersion, key) {
  return await post(routes.reporting.formVersions(formId), body, { ifMatch: latestVersion, idempotencyKey: key });
}

/** The editable part of a version: what a new one is published with. */
function editable(version) {
  return { elements: version.elements, categories: version.categories, rules: version.rules };
}

function renderVersions(versions) {
  return table([
    { label: TEXT.version, key: 'version', num: true },
    { label: TEXT.validFrom, render: v => v.validFrom || TEXT.fromTheStart },
    { label: TEXT.elements, render: v => v.elements.length, num: true },
    { label: TEXT.rules, render: v => v.rules.length, num: true },
    { label: TEXT.createdBy, key: 'createdBy' },
    { label: TEXT.createdAt, render: v => fmtDate(v.createdAt) },
    { label: TEXT.show, render: v => h('details', {}, h('summary', {}, TEXT.show), h('pre', {}, JSON.stringify(editable(v), null, 2))) },
  ], versions, { caption: TEXT.versions });
}

function renderPublish(formId, latest, notice, reload) {
  const problem = problemBox();
  const validFrom = h('input', { name: 'validFrom', type: 'date' });
  const definition = h('textarea', { name: 'definition', rows: 24, spellcheck: false });
  definition.value = JSON.stringify(editable(latest), null, 2);
  const form = h('form', { novalidate: true, 'aria-label': TEXT.publishTitle },
    field(TEXT.validFrom, validFrom, TEXT.publishHint),
    field(TEXT.definition, definition, TEXT.definitionHint),
    problem,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, TEXT.publish)));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearFieldErrors(form);
    problem.textContent = '';
    let body;
    try {
      body = { validFrom: validFrom.value, ...JSON.parse(definition.value) };
    } catch (e) {
      setFieldError(definition, TEXT.notJson(e));
      return;
    }
    form.key ||= newKey();
    await busy(form.querySelector('button[type=submit]'), async () => {
      try {
        const version = await publish(formId, body, latest.version, form.key);
        form.key = null;
        notice.textContent = TEXT.published(version);
        await reload();
      } catch (e) {
        // Problems of the definition are listed under the editor; the box below says where, rather than repeat them.
        if (showDefinitionErrors(e, definition) && Object.keys(e.errors).length === 0) problem.replaceChildren(h('div', {}, TEXT.seeEditor));
        else showProblem(problem, e, byName(form));
      }
    });
  });
  return form;
}

/**
 * Problems in the definition all belong to the editor: listed under it, one line each, naming the rule or element.
 * Answers how many were listed; they are taken out of the error, which keeps the others.
 */
function showDefinitionErrors(error, definition) {
  if (!(error instanceof ApiError)) return 0;
  const lines = Object.entries(error.errors || {}).filter(([f]) => DEFINITION_FIELD.test(f)).map(([f, m]) => `${f}: ${m.join(' ')}`);
  if (lines.length === 0) return 0;
  setFieldError(definition, lines[0]);
  definition.errorElement.replaceChildren(...lines.map(l => h('div', {}, l)));
  error.errors = Object.fromEntries(Object.entries(error.errors).filter(([f]) => !DEFINITION_FIELD.test(f)));
  return lines.length;
}
