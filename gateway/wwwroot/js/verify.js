// Public certificate verification: anyone may check a certificate by its code, without signing in. The answer
// reveals no more than the holder's name, the curriculum, the dates and the status.
import { get, ApiError } from './api.js';
import { routes } from './routes.js';
import { h, $, header, badge, norm, field, problemBox, showProblem, busy, clearFieldErrors, setFieldError } from './ui.js';

header('verify.html');
const page = $('#page');
const code = h('input', { name: 'code', type: 'text', autocomplete: 'off', spellcheck: 'false', size: 28 });
const problem = problemBox();
const result = h('div', { id: 'result', 'aria-live': 'polite' });
const form = h('form', { class: 'card', novalidate: true, 'aria-label': 'Verify a certificate' },
  h('p', {}, 'Enter the verification code printed on the certificate. No sign-in is needed.'),
  h('div', { class: 'row' }, field('Verification code', code), h('div', { class: 'field' }, h('button', { type: 'submit', class: 'primary' }, 'Verify'))),
  problem);
page.replaceChildren(form, result);

form.addEventListener('submit', e => {
  e.preventDefault();
  verify();
});

async function verify() {
  clearFieldErrors(form);
  problem.textContent = '';
  result.replaceChildren();
  const value = code.value.trim();
  if (!value) {
    setFieldError(code, 'Enter the code printed on the certificate.');
    code.focus();
    return;
  }
  history.replaceState(null, '', `?code=${encodeURIComponent(value)}`);
  await busy(form.querySelector('button'), async () => {
    try {
      show(await get(routes.training.verify(value), { anonymous: true }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) show({ status: 'unknown' });
      else showProblem(problem, err, () => code);
    }
  });
}

function show(answer) {
  const status = norm(answer.status, 'certificate_status_');
  const text = {
    valid: 'This certificate is valid.',
    expired: 'This certificate has expired.',
    revoked: 'This certificate has been revoked.',
    unknown: 'No certificate has this code.',
  }[status] || `Status: ${status}`;
  result.replaceChildren(h('section', { class: 'card', 'data-status': status },
    h('h2', {}, badge(status), ' ', text),
    status === 'unknown' ? null : h('dl', {},
      h('dt', {}, 'Holder'), h('dd', {}, answer.holderName || ''),
      h('dt', {}, 'Curriculum'), h('dd', {}, answer.curriculumTitle || ''),
      h('dt', {}, 'Issued on'), h('dd', {}, answer.issuedOn || ''),
      h('dt', {}, 'Valid until'), h('dd', {}, answer.expiresOn ? `the day before ${answer.expiresOn}` : 'does not expire'))));
}

const initial = new URLSearchParams(location.search).get('code');
if (initial) {
  code.value = initial;
  verify();
}
