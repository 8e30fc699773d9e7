/**
 * The client's side of the wire, against a stub `fetch`: the requests it
 * builds from the route table, and how it reads answers and refusals.
 */
import { describe, expect, it } from 'vitest';
import { createOrgkitClient } from '../../src/client.js';
import { isOrgkitError } from '../../src/errors.js';

interface Sent {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
}

function stub(answer: () => Response = () => new Response(null, { status: 204 })) {
  const sent: Sent[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    sent.push({
      url,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: init.body as string | undefined,
    });
    return answer();
  };
  return { sent, fetch };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('createOrgkitClient', () => {
  it('puts ids in the path (encoded), the query in the URL and the input in a JSON body', async () => {
    const { sent, fetch } = stub();
    const client = createOrgkitClient({ baseUrl: 'https://app.example/api/', fetch });
    await client.members.list('org/1', { search: 'a b', role: undefined, limit: 5 }).catch(() => undefined);
    await client.members.setStatus('org-1', 'user 2', 'disabled').catch(() => undefined);
    await client.projects.delete('org-1', 'p-1');
    await client.invitations.preview('tok').catch(() => undefined);
    expect(sent.map(({ method, url }) => `${method} ${url}`)).toEqual([
      'GET https://app.example/api/organizations/org%2F1/members?search=a+b&limit=5',
      'PUT https://app.example/api/organizations/org-1/members/user%202/status',
      'DELETE https://app.example/api/organizations/org-1/projects/p-1',
      'POST https://app.example/api/invitations/preview',
    ]);
    expect(sent[0]!.headers.get('content-type')).toBeNull();
    expect(sent[1]!.body).toBe('{"status":"disabled"}');
    // A body-less mutation still declares JSON: the server refuses it otherwise (CSRF).
    expect(sent[2]!.headers.get('content-type')).toBe('application/json');
    expect(sent[2]!.body).toBeUndefined();
    expect(sent[3]!.body).toBe('{"token":"tok"}');
  });

  it('asks a headers function before every call, and passes credentials', async () => {
    let calls = 0;
    const { sent, fetch } = stub();
    const client = createOrgkitClient({
      baseUrl: '/api',
      fetch: (url, init) => {
        expect(init.credentials).toBe('include');
        return fetch(url, init);
      },
      credentials: 'include',
      headers: async () => ({ authorization: `Bearer ${++calls}` }),
    });
    await client.projects.delete('o', 'p');
    await client.projects.delete('o', 'p');
    expect(sent.map(({ headers }) => headers.get('authorization'))).toEqual(['Bearer 1', 'Bearer 2']);
  });

  it('revives the dates of an answer, and only those', async () => {
    const at = '2026-03-02T08:00:00.000Z';
    const { fetch } = stub(() =>
      json(200, {
        items: [
          {
            organization: { id: 'o', name: at, settings: { at }, createdAt: at, updatedAt: at },
            role: 'owner',
            status: 'active',
          },
        ],
      }),
    );
    const { items } = await createOrgkitClient({ baseUrl: '/api', fetch }).organizations.listForUser();
    const { organization } = items[0]!;
    expect(organization.createdAt).toEqual(new Date(at));
    expect(organization.name).toBe(at);
    expect(organization.settings).toEqual({ at });
  });

  it('throws the server’s refusal as an OrgkitError with its code, message and details', async () => {
    const details = { reason: 'TARGET_OUTRANKS_ACTOR', role: 'admin' };
    const { fetch } = stub(() => json(403, { error: { code: 'FORBIDDEN', message: 'No.', details } }));
    const error = await createOrgkitClient({ baseUrl: '/api', fetch })
      .members.remove('o', 'u')
      .catch((caught: unknown) => caught);
    expect(isOrgkitError(error, 'FORBIDDEN')).toBe(true);
    expect(error).toMatchObject({ code: 'FORBIDDEN', message: 'No.', details });
  });

  it.each([
    ['a bare 500', () => json(500, { error: { code: 'INTERNAL' } })],
    ['a proxy’s HTML 502', () => new Response('<h1>Bad gateway</h1>', { status: 502 })],
    ['an unknown code', () => json(418, { error: { code: 'TEAPOT', message: 'short and stout' } })],
  ])('throws INTERNAL for %s', async (_name, answer) => {
    const { fetch } = stub(answer);
    const error = await createOrgkitClient({ baseUrl: '/api', fetch })
      .organizations.get('o')
      .catch((caught: unknown) => caught);
    expect(isOrgkitError(error, 'INTERNAL')).toBe(true);
  });

  it('lets a network failure through as fetch reports it', async () => {
    const failure = new TypeError('fetch failed');
    const client = createOrgkitClient({
      baseUrl: '/api',
      fetch: async () => {
        throw failure;
      },
    });
    await expect(client.organizations.get('o')).rejects.toBe(failure);
  });
});
