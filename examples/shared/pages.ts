/**
 * The pages of the examples, as plain HTML with a little script calling
 * orgkit's JSON API: a home page (development sign-in, the member list, an
 * invite form), the accept page an invitation links to, and the page that
 * confirms an email change.
 */

export interface Person {
  userId: string;
  fullName: string;
  email: string;
  role: string;
}

const html = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

const layout = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${html(title)}</title>
<style>body{font:15px system-ui;margin:2rem auto;max-width:46rem}td,th{padding:.2rem .8rem;text-align:left}</style>
</head><body>${body}</body></html>`;

/** Home: who is signed in, whom to sign in as (development only), and what they may see and do. */
export function homePage(people: Person[], signedIn: string | null): string {
  const me = people.find((person) => person.userId === signedIn);
  const choices = people
    .map(
      (person) =>
        `<li><a href="/dev/sign-in/${encodeURIComponent(person.userId)}">${html(person.fullName)}</a> (${html(person.role)})</li>`,
    )
    .join('');
  return layout(
    'orgkit example',
    `<h1>orgkit example</h1>
<p>${me ? `Signed in as <b>${html(me.fullName)}</b> (${html(me.role)}). <a href="/dev/sign-out">Sign out</a>` : 'Not signed in.'}</p>
<details ${me ? '' : 'open'}><summary>Development sign-in</summary><ul>${choices}</ul></details>
<div id="app"></div>
<script type="module">
const api = async (method, path, body) => {
  const response = await fetch('/api' + path, {
    method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body),
  });
  const json = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Error(json.error.code + (json.error.message ? ': ' + json.error.message : ''));
  return json;
};
const app = document.getElementById('app');
try {
  const { items: [first] } = await api('GET', '/me/organizations');
  const orgId = first.organization.id;
  const access = await api('GET', '/organizations/' + orgId + '/access');
  app.innerHTML = '<h2>' + first.organization.name + '</h2>';
  if (access.permissions['members:read']) {
    const { items } = await api('GET', '/organizations/' + orgId + '/members');
    const table = document.createElement('table');
    for (const m of items) table.insertRow().append(...[m.fullName, m.email, m.role, m.status].map((text) => Object.assign(document.createElement('td'), { textContent: text })));
    app.append(table);
  }
  if (access.permissions['members:invite']) {
    const form = document.createElement('form');
    form.innerHTML = '<h3>Invite</h3><label>Email <input name="email" type="email" required></label> <label>Role <select name="role"><option>user</option><option>admin</option></select></label> <button>Send</button> <output></output>';
    form.onsubmit = async (event) => {
      event.preventDefault();
      const data = Object.fromEntries(new FormData(form));
      try { await api('POST', '/organizations/' + orgId + '/invitations', data); form.querySelector('output').textContent = 'Sent: see the server console for the link.'; }
      catch (error) { form.querySelector('output').textContent = error.message; }
    };
    app.append(form);
  }
} catch (error) { app.textContent = error.message; }
</script>`,
  );
}

/** The page an invitation links to: the token is in the fragment, which the browser never sends to a server. */
export function acceptPage(): string {
  return layout(
    'Accept your invitation',
    `<h1>Accept your invitation</h1><div id="app">Loading…</div>
<script type="module">
const token = location.hash.slice(1);
const post = async (path, body) => {
  const response = await fetch('/api' + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await response.json();
  if (!response.ok) throw new Error(json.error.code);
  return json;
};
const app = document.getElementById('app');
try {
  const invitation = await post('/invitations/preview', { token });
  app.innerHTML = '<p>Join <b></b> as <i></i> with <code></code>.</p><form><label>Full name <input name="fullName" required></label> <button>Accept</button></form>';
  app.querySelector('b').textContent = invitation.organizationName;
  app.querySelector('i').textContent = invitation.role;
  app.querySelector('code').textContent = invitation.email;
  app.querySelector('form').onsubmit = async (event) => {
    event.preventDefault();
    const fullName = new FormData(event.target).get('fullName');
    const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    try { await post('/invitations/accept', { token, fullName, timezone }); location.href = '/'; }
    catch (error) { app.textContent = 'This invitation cannot be accepted: ' + error.message; }
  };
} catch (error) { app.textContent = 'This invitation cannot be used: ' + error.message; }
</script>`,
  );
}

/** The page an email-change confirmation links to: like the accept page, the token is in the fragment. */
export function confirmEmailPage(): string {
  return layout(
    'Confirm your new email address',
    `<h1>Confirm your new email address</h1><div id="app">Confirming…</div>
<script type="module">
const app = document.getElementById('app');
const response = await fetch('/api/email-changes/confirm', {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: location.hash.slice(1) }),
});
app.textContent = response.ok
  ? 'Your email address is changed.'
  : 'This link cannot be used: ' + (await response.json()).error.code;
</script>`,
  );
}
