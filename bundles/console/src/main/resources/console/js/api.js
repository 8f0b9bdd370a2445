// Calls /api/v1 with the bearer token kept in sessionStorage (per tab, gone when the tab closes). No cookies are
// used, so a forged cross-site request carries no credentials: CSRF-safe by construction. A 401 means the session
// expired or was revoked: forget the token and go back to the sign-in page.

const TOKEN = 'onegrid.token';

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

export const token = () => sessionStorage.getItem(TOKEN);
export const setToken = value => (value ? sessionStorage.setItem(TOKEN, value) : sessionStorage.removeItem(TOKEN));

let onExpired = () => {};
export const whenExpired = fn => { onExpired = fn; };

/**
 * fetch under /api/v1. body: an object (sent as JSON) or a Blob/File (sent raw with its type, or contentType).
 * Answers the parsed JSON (null for 204), or the Response itself with raw: true; throws ApiError otherwise.
 */
export async function api(path, { method = 'GET', body, contentType, raw = false, lang } = {}) {
  const headers = { Accept: 'application/json' };
  const bearer = token();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (lang) headers['Accept-Language'] = lang;
  let payload;
  if (body instanceof Blob) {
    payload = body;
    headers['Content-Type'] = contentType || body.type || 'application/octet-stream';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(`/api/v1${path}`, { method, headers, body: payload, credentials: 'omit' });
  if (response.status === 401 && path !== '/auth/login') {
    setToken(null);
    onExpired();
    throw new ApiError(401, { detail: 'session expired' });
  }
  if (!response.ok) {
    const type = response.headers.get('Content-Type') || '';
    throw new ApiError(response.status, type.includes('json') ? await response.json() : null);
  }
  if (raw) return response;
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

/** A query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v != null && v !== false) q.set(k, v);
  const text = q.toString();
  return text ? `?${text}` : '';
}
