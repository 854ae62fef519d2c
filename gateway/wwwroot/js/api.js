// The one client of the gateway's REST API used by every page. It adds the bearer token kept in sessionStorage,
// sends an Idempotency-Key with every write (a fresh one per user action, the same one when that action is retried, so a
// retried click never writes twice), and turns ProblemDetails answers into ApiError objects whose messages the pages
// show next to the fields they concern.

const TOKEN_KEY = 'ga.accessToken';

/** An answer other than 2xx, read from its ProblemDetails body. */
export class ApiError extends Error {
  constructor(status, problem) {
    const title = problem?.title || statusText(status);
    super(problem?.detail ? `${title} ${problem.detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = problem?.detail || '';
    /** Field name -> messages, from a validation problem ("errors"). */
    this.errors = problem?.errors || {};
    this.problem = problem || {};
  }
}

function statusText(status) {
  switch (status) {
    case 0: return 'The gateway could not be reached.';
    case 401: return 'Please sign in again.';
    case 403: return 'You are not allowed to do this.';
    case 404: return 'Not found.';
    case 409: return 'Someone else changed this meanwhile; reload and try again.';
    case 429: return 'Too many requests; wait a moment and try again.';
    default: return `The request failed (${status}).`;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(accessToken) {
  sessionStorage.setItem(TOKEN_KEY, accessToken);
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** The claims of the current token (role, unit, institution, name, exp), or null when signed out or expired. */
export function caller() {
  const t = token();
  if (!t) return null;
  try {
    const part = t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(part), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    const claims = JSON.parse(json);
    if (claims.exp && claims.exp * 1000 < Date.now()) {
      signOut();
      return null;
    }
    const units = claims.unit === undefined ? [] : [].concat(claims.unit);
    return { ...claims, units, role: claims.role, institution: claims.institution || null, name: claims.name || claims.sub };
  } catch {
    return null;
  }
}

/** A random key for one user action; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function newKey() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
}

/** Builds a query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

// Writes whose outcome is unknown (no answer, 429 or 5xx), by request: the same request sent again is a retry of that
// user action and carries the same key, so it happens once; any other request is a new action with a fresh key. A page
// may also hold a key for an action itself (options.idempotencyKey), e.g. across edits of a form until it is saved.
const unanswered = new Map();

async function send(method, path, body, options = {}) {
  const headers = { Accept: 'application/json' };
  const t = token();
  if (t && !options.anonymous) headers.Authorization = `Bearer ${t}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const json = body === undefined ? undefined : JSON.stringify(body);
  const request = `${method} ${path} ${options.ifMatch ?? ''} ${json ?? ''}`;
  const write = method !== 'GET';
  if (write) headers['Idempotency-Key'] = options.idempotencyKey || unanswered.get(request) || newKey();
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  const remember = status => {
    if (!write || options.idempotencyKey) return;
    if (status === 0 || status === 429 || status >= 500) unanswered.set(request, headers['Idempotency-Key']);
    else unanswered.delete(request);
  };
  let response;
  try {
    response = await fetch(path, { method, headers, body: json });
  } catch {
    remember(0);
    throw new ApiError(0, null);
  }
  remember(response.status);
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  if (!response.ok) throw new ApiError(response.status, typeof data === 'object' ? data : null);
  return data;
}

export const get = (path, options) => send('GET', path, undefined, options);
export const post = (path, body, options) => send('POST', path, body ?? {}, options);
export const put = (path, body, options) => send('PUT', path, body ?? {}, options);
export const patch = (path, body, options) => send('PATCH', path, body ?? {}, options);
export const del = (path, options) => send('DELETE', path, undefined, options);

/** Downloads a file (a CSV export) with the bearer token and saves it under the server's file name. */
export async function download(path, fallbackName) {
  const headers = {};
  const t = token();
  if (t) headers.Authorization = `Bearer ${t}`;
  const response = await fetch(path, { headers });
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    throw new ApiError(response.status, problem);
  }
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const name = match ? decodeURIComponent(match[1]) : fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
