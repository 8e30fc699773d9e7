/// <reference lib="dom" />
/**
 * The served page's script (dist/console/page.js, beside the bundle): mounts
 * `<orgkit-console>`, or the accept or confirm page when the fragment holds
 * a mailed token (`#accept=…`, `#confirm-email=…`). `api` and `org-id` come
 * from the page's query (`?api=/api&org-id=…`), else from `data-api` and
 * `data-org-id` on `<body>`; `api` defaults to the folder above the page,
 * which is where the adapters mount orgkit. Imports nothing: the elements
 * come from orgkit-console.js, loaded by the page itself.
 */

function mount(): void {
  const query = new URLSearchParams(location.search);
  const body = document.body;
  const api = query.get('api') ?? body.dataset.api ?? new URL('..', location.href).pathname.replace(/\/+$/, '');
  const orgId = query.get('org-id') ?? body.dataset.orgId ?? '';
  const hash = location.hash;
  const kind = hash.startsWith('#accept=')
    ? 'orgkit-accept-invitation'
    : hash.startsWith('#confirm-email=')
      ? 'orgkit-confirm-email'
      : 'orgkit-console';
  const main = document.querySelector('main') ?? body;
  // The console survives fragment changes of its own; a new token gets a fresh page.
  const current = main.firstElementChild as HTMLElement | null;
  if (current?.localName === kind && (kind === 'orgkit-console' || current.dataset.hash === hash)) return;
  const element = document.createElement(kind);
  element.dataset.hash = hash;
  element.setAttribute('api', api);
  if (orgId !== '') element.setAttribute('org-id', orgId);
  // After accepting, the new member lands on the console of the organization they joined.
  if (kind === 'orgkit-accept-invitation') element.setAttribute('next', `${location.pathname}?org-id={orgId}`);
  main.replaceChildren(element);
}

addEventListener('hashchange', mount);
mount();
