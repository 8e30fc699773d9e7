/**
 * What every HTTP scenario shares: a server of one target over the current
 * harness, clients signed in as anyone, raw requests for what a client
 * would never send, and a record of the service calls and hook calls made.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createOrgkitClient, type OrgkitClient } from '../../../src/client.js';
import type { Orgkit } from '../../../src/create-orgkit.js';
import type { AcceptedInvitation } from '../../../src/http/route-runner.js';
import { memoryStore } from '../../../src/memory.js';
import type { Store } from '../../../src/store/store.js';
import type { StoreFactory } from '../../support/stores.js';
import { type HttpTarget, type RunningServer, USER_HEADER } from './targets.js';

export interface RawAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON body; `undefined` when there is none. */
  // biome-ignore lint/suspicious/noExplicitAny: raw answers are read field by field, each checked by the test.
  json: any;
  text: string;
}

export interface RawOptions {
  /** Signs the request in as this user. */
  user?: string;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Default: `application/json` for every method but GET. `null`: no header. */
  contentType?: string | null;
  headers?: Record<string, string>;
}

export interface HttpKit {
  /** A client signed in as `userId`, or anonymous. */
  client(userId?: string): OrgkitClient;
  raw(method: string, path: string, options?: RawOptions): Promise<RawAnswer>;
  readonly baseUrl: string;
  /** Service calls the adapter made (`members.list`), since the test began. */
  readonly serviceCalls: string[];
  readonly accepted: AcceptedInvitation[];
  readonly errors: Array<{ error: unknown; request: unknown }>;
  /** The next `onAccepted` sets this cookie (default `session=<userId>`) or, with `throws`, fails. */
  acceptedBehaviour: { throws?: Error };
  /** `authenticate` throws this while set. */
  authenticateThrows?: Error;
}

/**
 * A store factory for tests that need any one store (whatever
 * `ORGKIT_TEST_STORES` says), or `store` itself (a broken one, say), for
 * `createHarness`, which knows how orgkit is configured.
 */
export function singleStore(store: () => Store = memoryStore): StoreFactory {
  return { name: 'single', create: async () => store(), destroy: (created) => created.close() };
}

/** Wraps each service so the test sees which calls an adapter made. The orgkit object is frozen: copy, don't proxy. */
function recording(orgkit: Orgkit, calls: string[]): Orgkit {
  const wrap = (group: string, service: object) =>
    Object.fromEntries(
      Object.entries(service).map(([name, method]) => [
        name,
        typeof method === 'function'
          ? (...args: unknown[]) => {
              calls.push(`${group}.${name}`);
              return (method as (...a: unknown[]) => unknown).apply(service, args);
            }
          : method,
      ]),
    );
  return {
    ...orgkit,
    organizations: wrap('organizations', orgkit.organizations),
    members: wrap('members', orgkit.members),
    invitations: wrap('invitations', orgkit.invitations),
    projects: wrap('projects', orgkit.projects),
    audit: wrap('audit', orgkit.audit),
  } as Orgkit;
}

/** Starts `target` once for the describe block, over the orgkit `orgkit()` answers then (a `shared` harness's). */
export function useHttpServer(target: HttpTarget, orgkit: () => Orgkit): HttpKit {
  let server: RunningServer | undefined;
  const kit: HttpKit = {
    serviceCalls: [],
    accepted: [],
    errors: [],
    acceptedBehaviour: {},
    get baseUrl() {
      if (server === undefined) throw new Error('useHttpServer: no server outside a test');
      return server.baseUrl;
    },
    client(userId) {
      return createOrgkitClient({
        baseUrl: kit.baseUrl,
        headers: userId === undefined ? {} : { [USER_HEADER]: userId },
      });
    },
    async raw(method, path, options = {}) {
      const headers = new Headers(options.headers);
      if (options.user !== undefined) headers.set(USER_HEADER, options.user);
      const contentType =
        options.contentType === undefined ? (method === 'GET' ? null : 'application/json') : options.contentType;
      if (contentType !== null) headers.set('content-type', contentType);
      const body =
        options.body === undefined
          ? undefined
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body);
      const response = await fetch(`${kit.baseUrl}${path}`, { method, headers, body });
      const text = await response.text();
      let json: unknown;
      try {
        json = text === '' ? undefined : JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, json, text };
    },
  };
  beforeAll(async () => {
    server = await target.start(recording(orgkit(), kit.serviceCalls), {
      async onAccepted(accepted, setCookie) {
        kit.accepted.push(accepted);
        if (kit.acceptedBehaviour.throws) throw kit.acceptedBehaviour.throws;
        setCookie(`session=${accepted.member.userId}; Path=/; HttpOnly`);
      },
      onError(error, request) {
        kit.errors.push({ error, request });
      },
      onAuthenticate() {
        if (kit.authenticateThrows) throw kit.authenticateThrows;
      },
    });
  });
  beforeEach(() => {
    kit.serviceCalls.length = 0;
    kit.errors.length = 0;
    kit.acceptedBehaviour = {};
    kit.authenticateThrows = undefined;
  });
  afterAll(async () => {
    await server?.close();
    server = undefined;
  });
  return kit;
}

/** The one shape of every error body. */
export function expectErrorBody(answer: RawAnswer, status: number, code: string): Record<string, unknown> {
  if (answer.status !== status || answer.json?.error?.code !== code) {
    throw new Error(`expected ${status} ${code}, got ${answer.status} ${answer.text}`);
  }
  const keys = Object.keys(answer.json).join();
  if (keys !== 'error') throw new Error(`error body has keys ${keys}`);
  const { error } = answer.json as { error: Record<string, unknown> };
  const allowed = ['code', 'message', 'details'];
  const extra = Object.keys(error).filter((key) => !allowed.includes(key));
  if (extra.length > 0) throw new Error(`error has unexpected keys ${extra.join()}`);
  if (typeof error.message !== 'string' || error.message === '') throw new Error('error has no message');
  return error;
}
