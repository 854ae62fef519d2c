// Sign-in through the identity provider: the authorisation code flow with PKCE (RFC 7636), run by the browser as a
// public client. The verifier never leaves this tab's sessionStorage; the code is useless without it.
import { get, setToken } from './api.js';

const PENDING_KEY = 'ga.oidc.pending';
const REFRESH_KEY = 'ga.refreshToken';

function base64Url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** The identity provider and client id the gateway is configured with (authority is null when there is none). */
export async function signInOptions() {
  return await get('/api/v1/auth/sign-in-options', { anonymous: true });
}

function redirectUri() {
  return new URL('signin-callback.html', location.href).href;
}

/** Leaves for the identity provider's sign-in page; comes back to signin-callback.html with a code. */
export async function startSignIn(options, next) {
  const verifier = randomString();
  const state = randomString();
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, next: next || null, authority: options.authority, clientId: options.clientId }));
  const url = new URL(options.authority + '/connect/authorize');
  url.search = new URLSearchParams({
    client_id: options.clientId,
    response_type: 'code',
    redirect_uri: redirectUri(),
    scope: 'openid profile offline_access',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.href);
}

/** On signin-callback.html: checks the state, exchanges the code with the verifier, keeps the tokens. */
export async function completeSignIn(params) {
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
  sessionStorage.removeItem(PENDING_KEY);
  if (params.get('error')) throw new Error(params.get('error_description') || params.get('error'));
  if (!pending || params.get('state') !== pending.state) throw new Error('This sign-in was not started here, or it was started twice. Please sign in again.');
  const response = await fetch(pending.authority + '/connect/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: pending.clientId,
      code: params.get('code') || '',
      redirect_uri: redirectUri(),
      code_verifier: pending.verifier,
    }),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error_description || answer.error || `The identity provider answered ${response.status}.`);
  setToken(answer.access_token);
  if (answer.refresh_token) sessionStorage.setItem(REFRESH_KEY, answer.refresh_token);
  return pending.next;
}
