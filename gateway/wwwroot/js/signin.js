// Sign-in. With an identity provider configured, "Sign in" runs the authorisation code flow with PKCE (oidc.js).
// In Development the gateway's development issuer also mints a token for a chosen role and scope.
import { post, get, setToken, caller, ApiError } from './api.js';
import { h, $, header, field, select, ROLE_NAMES, homeOf, showProblem, byName, clearFieldErrors, busy, safeNext } from './ui.js';
import { signInOptions, startSignIn } from './oidc.js';

header('index.html');

const params = new URLSearchParams(location.search);

try {
  const options = await signInOptions();
  if (options.authority) {
    $('#oidc-card').hidden = false;
    $('#oidc-sign-in').addEventListener('click', () =>
      startSignIn(options, params.get('next')).catch(e => { $('#oidc-problem').textContent = e.message; }));
  }
  if (!options.developmentSignIn) $('#dev-card').hidden = true;
} catch (e) {
  showProblem($('#oidc-problem'), e);
}
const who = caller();
if (who) {
  $('#signed-in').append(h('p', { class: 'notice' },
    `You are signed in as ${who.name} (${ROLE_NAMES[who.role] || who.role}). `,
    h('a', { href: homeOf(who.role) }, 'Continue'), params.get('wrongRole') ? ' - the page you asked for needs another role.' : ''));
}

// Scopes that make sense per role; units are free text too, so any unit of the register can be chosen.
const DEFAULT_UNITS = {
  focal_point: 'kp-station-prishtina',
  reviewer: 'kp-region-prishtina',
  training_officer: '',
  oversight: '',
  analyst: '',
  administrator: '',
};
const NEEDS_INSTITUTION = new Set(['training_officer']);

const role = select('role', Object.entries(ROLE_NAMES), params.get('role') || 'focal_point');
const units = h('input', { name: 'units', type: 'text', autocomplete: 'off', size: 34 });
const institution = h('select', { name: 'institution' }, h('option', { value: '' }, '(none)'));
const form = $('#dev-form');
$('#dev-fields').append(
  field('Role', role),
  field('Units in scope', units, 'Organisation unit ids, separated by commas: a focal point\'s station, a reviewer\'s units.'),
  field('Institution', institution, 'For a training officer: the institution they act for.'));

function applyDefaults() {
  units.value = DEFAULT_UNITS[role.value] ?? '';
  if (NEEDS_INSTITUTION.has(role.value) && !institution.value) institution.value = 'kp';
  if (!NEEDS_INSTITUTION.has(role.value)) institution.value = '';
}
role.addEventListener('change', applyDefaults);

try {
  const institutions = await get('/api/v1/institutions', { anonymous: true });
  for (const i of institutions) institution.append(h('option', { value: i.id }, `${i.name} (${i.id})`));
} catch (e) {
  showProblem($('#dev-problem'), e);
}
applyDefaults();
if (params.get('units') !== null) units.value = params.get('units');
if (params.get('institution') !== null) institution.value = params.get('institution');

form.addEventListener('submit', async event => {
  event.preventDefault();
  clearFieldErrors(form);
  const problem = $('#dev-problem');
  problem.textContent = '';
  const body = {
    role: role.value,
    units: units.value.split(',').map(s => s.trim()).filter(Boolean),
    institution: institution.value || null,
  };
  await busy(form.querySelector('button[type=submit]'), async () => {
    try {
      const answer = await post('/api/v1/dev/tokens', body);
      setToken(answer.accessToken);
      const next = params.get('next');
      location.href = safeNext(next) ?? homeOf(role.value);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
        problem.textContent = 'The development issuer is not available here: sign in through the configured identity provider.';
      } else {
        showProblem(problem, e, byName(form));
      }
    }
  });
});
