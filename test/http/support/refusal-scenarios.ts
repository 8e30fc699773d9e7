/**
 * Every way a request is refused over HTTP: each error code with its status
 * and body, sign-in, roles, other organizations' ids, and requests no client
 * of ours would send (malformed JSON, forms, huge bodies, unknown routes).
 */
import { expect, it } from 'vitest';
import { isOrgkitError } from '../../../src/errors.js';
import { listRoutes } from '../../../src/http/routes.js';
import type { Harness } from '../../support/harness.js';
import { addMember, DAY, seedOrganization, uniqueEmail } from '../../support/harness.js';
import { expectErrorBody, type HttpKit } from './http-kit.js';

/** The error a client call is refused with (fails if it succeeds). */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (caught: unknown) => caught,
  );
  if (!isOrgkitError(error)) throw error;
  return error;
}

export function refusalScenarios(h: Harness, http: HttpKit): void {
  it('answers every error code with its status and one body shape, and the client throws it', async () => {
    const { owner, organizationId: orgId } = await seedOrganization(h, 'Errors');
    const user = await addMember(h, owner, 'user');
    const o = { user: owner.userId };
    const org = `/organizations/${orgId}`;
    const asOwner = http.client(owner.userId);

    const invalid = expectErrorBody(
      await http.raw('POST', `${org}/invitations`, { ...o, body: { email: 'nope', role: 'user' } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(invalid.details).toMatchObject({ issues: [{ path: ['email'] }] });
    const thrown = await refusal(asOwner.invitations.create(orgId, { email: 'nope', role: 'user' }));
    expect(thrown).toMatchObject({ code: 'VALIDATION_FAILED', details: invalid.details, message: invalid.message });

    expectErrorBody(await http.raw('GET', `${org}/members`), 401, 'UNAUTHENTICATED');
    expectErrorBody(await http.raw('GET', `${org}/members`, { user: 'someone-else' }), 401, 'UNAUTHENTICATED');
    expect(await refusal(http.client().members.list(orgId))).toMatchObject({ code: 'UNAUTHENTICATED' });

    const forbidden = expectErrorBody(
      await http.raw('GET', `${org}/members`, { user: user.actor.userId }),
      403,
      'FORBIDDEN',
    );
    expect(forbidden.details).toMatchObject({ reason: 'ROLE_LACKS_PERMISSION', permission: 'members:read' });

    const missing = expectErrorBody(await http.raw('GET', `${org}/members/nobody`, o), 404, 'NOT_FOUND');
    expect(missing.details).toEqual({ what: 'member' });

    const conflict = expectErrorBody(
      await http.raw('POST', `${org}/invitations`, { ...o, body: { email: user.email, role: 'user' } }),
      409,
      'CONFLICT',
    );
    expect(conflict.details).toMatchObject({ reason: 'ALREADY_MEMBER' });
    expectErrorBody(
      await http.raw('PUT', `${org}/members/${owner.userId}/status`, { ...o, body: { status: 'disabled' } }),
      409,
      'LAST_OWNER',
    );
    expect(await refusal(asOwner.members.setStatus(orgId, owner.userId, 'disabled'))).toMatchObject({
      code: 'LAST_OWNER',
    });

    expectErrorBody(
      await http.raw('POST', '/invitations/preview', { body: { token: 'x'.repeat(43) } }),
      410,
      'INVITATION_INVALID',
    );
    const lapsing = uniqueEmail('lapsing');
    await asOwner.invitations.create(orgId, { email: lapsing, role: 'user' });
    const token = h.mailer.tokenFor(lapsing)!;
    h.advance(8 * DAY);
    expectErrorBody(await http.raw('POST', '/invitations/preview', { body: { token } }), 410, 'INVITATION_EXPIRED');
    expect(await refusal(http.client().invitations.accept({ token, fullName: 'Late' }))).toMatchObject({
      code: 'INVITATION_EXPIRED',
    });
    expect(http.errors).toEqual([]);
  });

  it('answers 401 to every signed-in route without a user, before any service call', async () => {
    const signedIn = listRoutes().filter(({ route }) => route.access !== 'public' && route.access !== 'anyone');
    expect(signedIn.length).toBeGreaterThan(15);
    for (const { name, route } of signedIn) {
      const path = route.path.replace(/:[A-Za-z]+/g, 'some-id');
      const answer = await http.raw(route.method, path, route.method === 'GET' ? {} : { body: {} });
      expect(`${name} ${answer.status} ${answer.json?.error?.code}`).toBe(`${name} 401 UNAUTHENTICATED`);
    }
    expect(http.serviceCalls).toEqual([]);
  });

  it('refuses a user on the admin routes (403), and names the reason', async () => {
    const { owner, organizationId: orgId } = await seedOrganization(h, 'Roles');
    const project = await h.orgkit.projects.create(owner, { name: 'Unassigned' });
    const user = await addMember(h, owner, 'user');
    const asUser = http.client(user.actor.userId);
    const calls = [
      () => asUser.members.list(orgId),
      () => asUser.members.setStatus(orgId, owner.userId, 'disabled'),
      () => asUser.members.update(orgId, owner.userId, { fullName: 'Mallory' }),
      () => asUser.members.remove(orgId, owner.userId),
      () => asUser.invitations.list(orgId),
      () => asUser.invitations.create(orgId, { email: uniqueEmail('x'), role: 'user' }),
      () => asUser.projects.create(orgId, { name: 'Mine' }),
      () => asUser.projects.rename(orgId, project.id, 'Taken'),
      () => asUser.projects.assign(orgId, project.id, user.actor.userId),
      () => asUser.audit.list(orgId),
      () => asUser.organizations.update(orgId, { name: 'Taken over' }),
      () => asUser.organizations.delete(orgId),
    ];
    for (const call of calls)
      expect(await refusal(call())).toMatchObject({ code: 'FORBIDDEN', details: { reason: expect.any(String) } });
    // What they may do still works.
    expect(await asUser.members.update(orgId, user.actor.userId, { fullName: 'Uma Renamed' })).toMatchObject({
      fullName: 'Uma Renamed',
    });
  });

  it('answers 404 for ids of another organization, with nothing of it in the body', async () => {
    const mine = await seedOrganization(h, 'Mine');
    const theirs = await seedOrganization(h, 'Theirs Secret Name');
    const theirMember = await addMember(h, theirs.owner, 'admin', { fullName: 'Their Admin' });
    const theirProject = await h.orgkit.projects.create(theirs.owner, { name: 'Their Project' });
    const theirInvitation = await h.orgkit.invitations.create(theirs.owner, {
      email: uniqueEmail('their'),
      role: 'user',
    });
    const org = `/organizations/${mine.organizationId}`;
    const o = { user: mine.owner.userId };
    const answers = [
      await http.raw('GET', `${org}/members/${theirMember.actor.userId}`, o),
      await http.raw('PATCH', `${org}/members/${theirMember.actor.userId}`, { ...o, body: { role: 'user' } }),
      await http.raw('PUT', `${org}/members/${theirMember.actor.userId}/status`, {
        ...o,
        body: { status: 'disabled' },
      }),
      await http.raw('DELETE', `${org}/members/${theirMember.actor.userId}`, o),
      await http.raw('PATCH', `${org}/projects/${theirProject.id}`, { ...o, body: { name: 'Stolen' } }),
      await http.raw('DELETE', `${org}/projects/${theirProject.id}`, o),
      await http.raw('POST', `${org}/invitations/${theirInvitation.id}/revoke`, o),
      await http.raw('POST', `${org}/invitations/${theirInvitation.id}/resend`, o),
      await http.raw('POST', `${org}/invitations`, {
        ...o,
        body: { email: uniqueEmail('p'), role: 'user', projectIds: [theirProject.id] },
      }),
    ];
    const secrets = [
      theirs.organizationId,
      'Theirs Secret Name',
      theirs.ownerEmail,
      theirMember.email,
      'Their Project',
      'Their Admin',
    ];
    for (const answer of answers) {
      expectErrorBody(answer, 404, 'NOT_FOUND');
      for (const secret of secrets) expect(answer.text).not.toContain(secret);
    }
    // Their organization's own path: not a member there.
    expectErrorBody(
      await http.raw('GET', `/organizations/${theirs.organizationId}/members`, o),
      401,
      'UNAUTHENTICATED',
    );
    expect((await h.orgkit.projects.get(theirs.owner, theirProject.id)).name).toBe('Their Project');
  });

  it('refuses malformed bodies (400), other media types (415) and oversized bodies (413)', async () => {
    const { owner, organizationId: orgId } = await seedOrganization(h, 'Malformed');
    const o = { user: owner.userId };
    const path = `/organizations/${orgId}/projects`;
    expectErrorBody(await http.raw('POST', path, { ...o, body: '{"name":' }), 400, 'VALIDATION_FAILED');
    for (const body of ['[]', '"Acme"', '1', 'null', 'true']) {
      expectErrorBody(await http.raw('POST', path, { ...o, body }), 400, 'VALIDATION_FAILED');
    }
    expectErrorBody(await http.raw('POST', path, { ...o, body: { name: 'X', extra: 1 } }), 400, 'VALIDATION_FAILED');
    expectErrorBody(await http.raw('POST', path, { ...o, body: '' }), 400, 'VALIDATION_FAILED');

    for (const contentType of [
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/plain',
      'application/json; charset=latin1',
      null,
    ]) {
      const answer = await http.raw('POST', path, {
        ...o,
        contentType,
        body: contentType === null ? undefined : 'name=Forged',
      });
      expect(expectErrorBody(answer, 415, 'VALIDATION_FAILED').details).toMatchObject({
        issues: [{ code: 'unsupported_media_type' }],
      });
    }
    // A body-less mutation must declare JSON too, so no simple cross-site request reaches it.
    expectErrorBody(
      await http.raw('DELETE', `/organizations/${orgId}`, { ...o, contentType: null }),
      415,
      'VALIDATION_FAILED',
    );
    expectErrorBody(
      await http.raw('POST', path, { ...o, contentType: 'application/json; charset=UTF-8', body: '{}' }),
      400,
      'VALIDATION_FAILED',
    );

    const huge = { name: 'x'.repeat(70 * 1024) };
    const tooLarge = expectErrorBody(await http.raw('POST', path, { ...o, body: huge }), 413, 'VALIDATION_FAILED');
    expect(tooLarge.details).toMatchObject({ issues: [{ code: 'too_big' }] });
    // Streamed, with no Content-Length to refuse up front.
    const chunk = new TextEncoder().encode(JSON.stringify(huge));
    const streamed = await fetch(`${http.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user-id': owner.userId },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(chunk);
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect(await h.orgkit.projects.list(owner)).toEqual([]);
    expect(http.serviceCalls).toEqual([]);
  });

  it('answers 404 NOT_FOUND for unknown routes and methods under the mount point', async () => {
    const { owner } = await seedOrganization(h, 'Routes404');
    for (const [method, path] of [
      ['GET', '/nope'],
      ['GET', '/organizations'],
      ['POST', '/me/organizations'],
      ['GET', `/organizations/${owner.organizationId}/members/a/b`],
      ['GET', '/invitations/accept'],
    ] as const) {
      const answer = await http.raw(method, path, { user: owner.userId });
      expect(expectErrorBody(answer, 404, 'NOT_FOUND').details).toEqual({ what: 'route' });
    }
  });

  it('ignores a token in the query string: it must come in the JSON body', async () => {
    const { owner } = await seedOrganization(h, 'Tokens');
    const email = uniqueEmail('q');
    await h.orgkit.invitations.create(owner, { email, role: 'user' });
    const token = h.mailer.tokenFor(email)!;
    const query = `?token=${encodeURIComponent(token)}`;
    expectErrorBody(await http.raw('POST', `/invitations/preview${query}`, { body: {} }), 400, 'VALIDATION_FAILED');
    expectErrorBody(
      await http.raw('POST', `/invitations/accept${query}`, { body: { fullName: 'Q' } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(http.serviceCalls).toEqual([]);
    const accepted = await http.raw('POST', `/invitations/accept?token=ignored`, { body: { token, fullName: 'Q' } });
    expect(accepted.status).toBe(200);
  });

  it('takes nothing but the token from an accept body: a user id is refused', async () => {
    const { owner } = await seedOrganization(h, 'Identity');
    const email = uniqueEmail('id');
    await h.orgkit.invitations.create(owner, { email, role: 'user' });
    const body = { token: h.mailer.tokenFor(email), fullName: 'I', userId: owner.userId };
    expectErrorBody(await http.raw('POST', '/invitations/accept', { body }), 400, 'VALIDATION_FAILED');
  });

  it('answers 200 to an accept whose onAccepted throws, and reports the error', async () => {
    const { owner } = await seedOrganization(h, 'Hooks');
    const email = uniqueEmail('hook');
    await h.orgkit.invitations.create(owner, { email, role: 'user' });
    const failure = new Error('session store down');
    http.acceptedBehaviour = { throws: failure };
    const answer = await http.raw('POST', '/invitations/accept', {
      body: { token: h.mailer.tokenFor(email), fullName: 'H' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('set-cookie')).toBeNull();
    expect(http.errors.map(({ error }) => error)).toEqual([failure]);
  });

  it('answers a failing authenticate with a bare 500 INTERNAL and reports it', async () => {
    const { owner, organizationId } = await seedOrganization(h, 'AuthFails');
    http.authenticateThrows = new Error('session store: password=hunter2');
    const answer = await http.raw('GET', `/organizations/${organizationId}`, { user: owner.userId });
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({ error: { code: 'INTERNAL' } });
    expect(http.errors.map(({ error }) => error)).toEqual([http.authenticateThrows]);
    expect(http.serviceCalls).toEqual([]);
  });
}
