/**
 * The bearer token of the signed-in person. Kept for this tab only (sessionStorage): the page holds
 * no secret of its own, and closing the tab signs out.
 */
const KEY = 'govflow.token';

export function getToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function setToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(KEY);
}

/** A sign-on that redirects here with `#token=…` hands the token over; it is removed from the address at once. */
export function takeTokenFromAddress(): boolean {
  const match = /^#token=([^&]+)/.exec(location.hash);
  if (!match) return false;
  setToken(decodeURIComponent(match[1]));
  history.replaceState(null, '', `${location.pathname}${location.search}#/inbox`);
  return true;
}
