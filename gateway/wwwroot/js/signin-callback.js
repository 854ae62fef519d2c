// Back from the identity provider: exchange the code, then go to the page asked for or the role's home page.
import { caller } from './api.js';
import { $, homeOf, safeNext } from './ui.js';
import { completeSignIn } from './oidc.js';

try {
  const next = await completeSignIn(new URLSearchParams(location.search));
  const who = caller();
  location.replace(safeNext(next) ?? homeOf(who?.role));
} catch (e) {
  $('#problem').textContent = e.message;
}
