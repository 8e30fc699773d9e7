/**
 * The browser-safe client: the route table turned into typed calls over
 * `fetch`. It imports the table, the response shapes and `OrgkitError`,
 * none of which imports zod, kysely or a driver at runtime.
 */
import type { DefaultMatrix } from '../access/default-matrix.js';
import type { Matrix } from '../access/matrix.js';
import { ORGKIT_ERROR_CODES, OrgkitError, type OrgkitErrorOptions } from '../errors.js';
import { type FieldKind, mapShape } from '../http/response-shapes.js';
import type { AnyRoute } from '../http/route.js';
import { ROUTES } from '../http/routes.js';
import type { OrgkitClient } from './client-types.js';

type HeadersValue = ConstructorParameters<typeof Headers>[0];

/** Where the API is and how to reach it; nothing else is configured. */
export interface OrgkitClientOptions {
  /** Where orgkit is mounted: `/api`, or `https://app.example/api` outside a browser. */
  baseUrl: string;
  /** Default: the global `fetch`. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Sent with every call: a bearer token, say. A function is asked before each call. */
  headers?: HeadersValue | (() => HeadersValue | Promise<HeadersValue>);
  /** `fetch`'s `credentials`: `include` to send cookies to another origin. */
  credentials?: RequestInit['credentials'];
}

/**
 * A typed client for orgkit's routes, mirroring the services with the
 * organization's id in place of the actor. Dates come back as `Date`; a
 * refusal throws `OrgkitError` with the server's `code` and `details`.
 *
 * ```ts
 * import { createOrgkitClient } from 'orgkit/client';
 *
 * const orgkit = createOrgkitClient({ baseUrl: '/api' });
 * const { items, nextCursor } = await orgkit.members.list(orgId, { search: 'ada' });
 * try {
 *   await orgkit.members.setStatus(orgId, userId, 'disabled');
 * } catch (error) {
 *   if (isOrgkitError(error, 'LAST_OWNER')) showMessage('Keep one active owner.');
 * }
 * ```
 */
export function createOrgkitClient<M extends Matrix = DefaultMatrix>(options: OrgkitClientOptions): OrgkitClient<M> {
  if (typeof options?.baseUrl !== 'string') throw new TypeError('createOrgkitClient: `baseUrl` must be a string.');
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  async function call(route: AnyRoute, args: unknown[]): Promise<unknown> {
    let index = 0;
    const path = route.path.replace(/:[A-Za-z]+/g, () => encodeURIComponent(String(args[index++])));
    const given = args[index];
    const input = route.argument === undefined ? given : { [route.argument]: given };
    const headers = new Headers(typeof options.headers === 'function' ? await options.headers() : options.headers);
    headers.set('accept', 'application/json');
    const init: RequestInit = { method: route.method, headers };
    if (options.credentials !== undefined) init.credentials = options.credentials;
    let url = baseUrl + path;
    if (route.method === 'GET') {
      const query = toQuery(input);
      if (query !== '') url += `?${query}`;
    } else {
      // Also without a body: the server refuses a mutation that is not declared JSON.
      headers.set('content-type', 'application/json');
      if (input !== undefined) init.body = JSON.stringify(input);
    }
    const response = await (options.fetch ?? fetch)(url, init);
    if (!response.ok) throw await refusal(response);
    if (route.response === undefined || response.status === 204) return undefined;
    return mapShape(route.response, await response.json(), revive);
  }

  return Object.fromEntries(
    Object.entries(ROUTES).map(([group, routes]) => [
      group,
      Object.fromEntries(
        Object.entries(routes).map(([name, route]) => [name, (...args: unknown[]) => call(route as AnyRoute, args)]),
      ),
    ]),
  ) as OrgkitClient<M>;
}

function toQuery(input: unknown): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(input ?? {})) {
    if (value !== undefined && value !== null) query.set(key, String(value));
  }
  return query.toString();
}

function revive(kind: FieldKind, value: unknown): unknown {
  return (kind === 'date' || kind === 'date|null') && typeof value === 'string' ? new Date(value) : value;
}

/** The server's error as an `OrgkitError`; a body that is not orgkit's (a proxy's 502) is `INTERNAL`. */
async function refusal(response: Response): Promise<OrgkitError> {
  const body: unknown = await response.json().catch(() => undefined);
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (typeof error?.code === 'string' && Object.hasOwn(ORGKIT_ERROR_CODES, error.code)) {
    return new OrgkitError({
      code: error.code,
      message: typeof error.message === 'string' ? error.message : undefined,
      details: error.details,
    } as OrgkitErrorOptions);
  }
  return new OrgkitError({ code: 'INTERNAL', message: `The server answered HTTP ${response.status}.` });
}
