// The API key the dashboard sends when the server requires keys (config `auth.required`). It is
// kept in this browser's localStorage, like the language, and sent as the Bearer token the API's
// auth middleware reads; the pages themselves are public, only /api answers 401 without it.
const STORAGE_KEY = 'koubei.apiKey';

export const apiKey = () => globalThis.localStorage?.getItem(STORAGE_KEY) || '';

/** Stores the key (trimmed), or forgets it when empty. */
export function setApiKey(value) {
  const key = String(value ?? '').trim();
  if (key) globalThis.localStorage?.setItem(STORAGE_KEY, key);
  else globalThis.localStorage?.removeItem(STORAGE_KEY);
}

/** The request headers for a JSON API call, with the key when one is set. */
export function apiHeaders() {
  const key = apiKey();
  return key ? { accept: 'application/json', authorization: `Bearer ${key}` } : { accept: 'application/json' };
}
