/// <reference lib="dom" />
/**
 * The token of a mailed link. orgkit's links carry it in the fragment
 * (`/accept#TOKEN`), which browsers never send to a server; `#accept=TOKEN`
 * and `#confirm-email=TOKEN` (the served page's own links) work too.
 */
export function tokenFromLocation(hash = globalThis.location?.hash ?? ''): string {
  const fragment = hash.replace(/^#/, '');
  const named = /^(?:accept|confirm-email|token)=(.*)$/.exec(fragment);
  try {
    return decodeURIComponent(named === null ? fragment : named[1]!);
  } catch {
    return fragment;
  }
}
