// The API key the dashboard sends when the server requires keys (config `auth.required`), as the
// Bearer token the API's auth middleware reads; the pages themselves are public, only /api answers
// 401 without it. It is kept in sessionStorage, not localStorage: a key grants API access, so it
// should not outlive the browser session on a shared or lost machine. The header's key form forgets
// it at once.
const STORAGE_KEY = 'koubei.apiKey';

export const apiKey = () => globalThis.sessionStorage?.getItem(STORAGE_KEY) || '';

/** Stores the key (trimmed) for this browser session, or forgets it when empty. */
export function setApiKey(value) {
  const key = String(value ?? '').trim();
  if (key) globalThis.sessionStorage?.setItem(STORAGE_KEY, key);
  else globalThis.sessionStorage?.removeItem(STORAGE_KEY);
}

/**
 * Earlier versions kept the key in localStorage indefinitely: it moves into this session once, so
 * the page keeps working and the key no longer outlives the session.
 */
function moveStoredKey() {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored === null || stored === undefined) return;
  globalThis.localStorage.removeItem(STORAGE_KEY);
  if (!apiKey()) setApiKey(stored);
}
moveStoredKey();

/** The request headers for a JSON API call, with the key when one is set. */
export function apiHeaders() {
  const key = apiKey();
  return key ? { accept: 'application/json', authorization: `Bearer ${key}` } : { accept: 'application/json' };
}
