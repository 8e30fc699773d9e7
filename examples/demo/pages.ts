/**
 * The demo's pages: the console page (with the development sign-in bar and
 * Mailbox panel around `<orgkit-console>`), and the pages the mailed links
 * open, around `<orgkit-accept-invitation>` and `<orgkit-confirm-email>`.
 */

/** Someone the development sign-in offers. */
export interface SignInChoice {
  userId: string;
  fullName: string;
  email: string;
  role: string;
  status: string;
}

export interface ConsolePageInput {
  organizationId: string;
  organizationName: string;
  /** Offered first, in this order (owner, admin, user). */
  featured: SignInChoice[];
  others: SignInChoice[];
  signedIn: string | null;
  /** The script that defines the `orgkit-*` elements. */
  consoleScript: string;
}

const html = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

const STYLE = `
:root{color-scheme:light;font:15px/1.45 system-ui,sans-serif;color:#1f2328;background:#f6f7f9}
body{margin:0}
.dev{background:#fff8c5;border-bottom:2px dashed #9a6700;padding:.6rem 1.5rem;display:flex;flex-wrap:wrap;gap:.6rem 1.2rem;align-items:center}
.dev .tag{background:#9a6700;color:#fff;border-radius:4px;padding:.1rem .45rem;font-size:.75rem;font-weight:700;letter-spacing:.04em}
.dev form{display:flex;gap:.4rem;align-items:center;margin:0}
.dev select,.dev button{font:inherit;padding:.25rem .5rem}
.dev p{margin:0;color:#4d2d00;font-size:.85rem}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 20rem;gap:1.5rem;padding:1.5rem;align-items:start}
@media (max-width:60rem){.layout{grid-template-columns:1fr}}
main{min-width:0}
.mailbox{background:#fff;border:2px dashed #9a6700;border-radius:8px;padding:1rem}
.mailbox h2{font-size:1rem;margin:0 0 .3rem}
.mailbox>p{margin:0 0 .8rem;font-size:.85rem;color:#57606a}
.mailbox ol{list-style:none;margin:0;padding:0;display:grid;gap:.6rem}
.mailbox li{border-top:1px solid #d0d7de;padding-top:.6rem;font-size:.85rem;overflow-wrap:anywhere}
.mailbox a{color:#0550ae}
.single{max-width:32rem;margin:3rem auto;padding:0 1rem}
`;

const layout = (title: string, body: string, script = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${html(title)}</title><style>${STYLE}</style>${script}</head><body>${body}</body></html>`;

const option = (choice: SignInChoice, signedIn: string | null) =>
  `<option value="${html(choice.userId)}"${choice.userId === signedIn ? ' selected' : ''}>${html(choice.fullName)} (${html(
    choice.role,
  )}${choice.status === 'active' ? '' : `, ${html(choice.status)}`})</option>`;

/** The bar at the top: development only, it signs in as anyone. */
function devSignIn(input: ConsolePageInput): string {
  const { featured, others, signedIn } = input;
  return `<header class="dev" aria-label="Development sign-in">
<span class="tag">DEVELOPMENT</span>
<form method="post" action="/dev/sign-in">
<label for="dev-user">Signed in as</label>
<select id="dev-user" name="userId">
${signedIn === null ? '<option value="" selected disabled>Choose who you are…</option>' : ''}
<optgroup label="Seeded roles">${featured.map((choice) => option(choice, signedIn)).join('')}</optgroup>
<optgroup label="Everyone else">${others.map((choice) => option(choice, signedIn)).join('')}</optgroup>
</select>
<button>Sign in</button>
</form>
${signedIn === null ? '' : '<form method="post" action="/dev/sign-out"><button>Sign out</button></form>'}
<p>A stand-in for your app's own sign-in: it lets anyone be anyone.</p>
</header>`;
}

/** The Mailbox panel; its list is filled and refreshed by the script below. */
const MAILBOX = `<aside class="mailbox" aria-labelledby="mailbox-title">
<h2 id="mailbox-title">Mailbox (development)</h2>
<p>A stand-in for a mail server: the mails orgkit sent, newest first. Opening a link signs you out first, as the recipient is someone else.</p>
<ol id="mailbox-list" aria-live="polite"><li>No mail yet.</li></ol>
</aside>
<script type="module">
const list = document.getElementById('mailbox-list');
let shown = '';
const refresh = async () => {
  const response = await fetch('/dev/mailbox').catch(() => null);
  if (!response?.ok) return;
  const mails = await response.json();
  const key = mails.map((mail) => mail.id).join();
  if (key === shown) return;
  shown = key;
  list.replaceChildren(...(mails.length === 0 ? [Object.assign(document.createElement('li'), { textContent: 'No mail yet.' })] : mails.map((mail) => {
    const item = document.createElement('li');
    const to = Object.assign(document.createElement('div'), { textContent: 'To: ' + mail.to });
    const subject = Object.assign(document.createElement('strong'), { textContent: mail.subject });
    item.append(subject, to);
    if (mail.link) {
      const link = Object.assign(document.createElement('a'), { href: mail.link, textContent: mail.kind === 'invitation' ? 'Open invitation for ' + mail.to : 'Confirm ' + mail.to });
      link.addEventListener('click', async (event) => {
        event.preventDefault();
        await fetch('/dev/sign-out', { method: 'POST' });
        location.href = link.href;
      });
      item.append(link);
    }
    return item;
  })));
};
refresh();
setInterval(refresh, 1500);
</script>`;

/** The console page. */
export function consolePage(input: ConsolePageInput): string {
  const console =
    input.signedIn === null
      ? '<p>Choose who you are in the development bar above to open the console.</p>'
      : `<orgkit-console api="/api" org-id="${html(input.organizationId)}"></orgkit-console>`;
  return layout(
    `${input.organizationName} · Users & Roles`,
    `${devSignIn(input)}
<div class="layout"><main>${console}</main>${MAILBOX}</div>`,
    `<script type="module" src="${html(input.consoleScript)}"></script>`,
  );
}

/** The page an invitation links to; the element reads the token from the fragment, then goes to the console signed in. */
export function acceptPage(consoleScript: string): string {
  return layout(
    'Accept your invitation',
    `<main class="single"><orgkit-accept-invitation api="/api" next="/"></orgkit-accept-invitation></main>`,
    `<script type="module" src="${html(consoleScript)}"></script>`,
  );
}

/** The page an email-change confirmation links to. */
export function confirmEmailPage(consoleScript: string): string {
  return layout(
    'Confirm your new email address',
    `<main class="single"><orgkit-confirm-email api="/api"></orgkit-confirm-email><p><a href="/">Back to the console</a></p></main>`,
    `<script type="module" src="${html(consoleScript)}"></script>`,
  );
}
