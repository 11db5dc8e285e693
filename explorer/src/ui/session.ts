import type { Credentials } from './api.js';

/** The key lives in session storage only: gone when the tab closes, never in local storage or a cookie. */

const KEY = 'explorer.credentials';

export function savedCredentials(): Credentials | null {
  const saved = sessionStorage.getItem(KEY);
  if (!saved) return null;
  try {
    const parsed = JSON.parse(saved) as Credentials;
    return typeof parsed.key === 'string' ? { key: parsed.key, reason: parsed.reason ?? '' } : null;
  } catch {
    return null;
  }
}

export function saveCredentials(credentials: Credentials): void {
  sessionStorage.setItem(KEY, JSON.stringify(credentials));
}

export function forgetCredentials(): void {
  sessionStorage.removeItem(KEY);
}
