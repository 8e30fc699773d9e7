/**
 * The server side of the route table, shared by every adapter: matching a
 * path, parsing path, query and body through the route's schemas, making
 * the call and shaping the answer. Adapters translate their request into
 * these steps and the outcome back into their response; no rule lives in
 * them or here, only in the services.
 */
import { z } from 'zod';
import type { Matrix } from '../access/matrix.js';
import type { Orgkit } from '../create-orgkit.js';
import { idSchema } from '../schemas/common.js';
import { parse } from '../schemas/parse.js';
import type { Member, User } from '../services/views.js';
import { unauthenticated } from './http-errors.js';
import { createHttpSchemas } from './http-schemas.js';
import { inputJsonSchema } from './json-schemas.js';
import { assertJsonContentType } from './request-body.js';
import { mapShape } from './response-shapes.js';
import type { AnyRoute } from './route.js';
import { listRoutes } from './routes.js';

/** What `invitations.accept` answered, for the host's `onAccepted`. */
export interface AcceptedInvitation<R extends string = string> {
  /** The user orgkit created or joined: `user.id` is who to sign in. */
  user: User;
  /** Their membership in the invitation's organization. */
  member: Member<R>;
}

/** One route of the table, ready to run. */
export interface BoundRoute {
  /** `members.list`. */
  readonly name: string;
  readonly route: AnyRoute;
  /** The path's parameter names, in order. */
  readonly paramNames: readonly string[];
}

export interface RouteRequest {
  /** What `authenticate` answered; ignored by public routes. */
  userId: string | null;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body, if there was one. */
  body: Record<string, unknown> | undefined;
}

export interface RouteOutcome {
  status: number;
  /** The JSON body; `undefined` for 204. */
  body: unknown;
  /** Set by the accept route: for `onAccepted`. */
  accepted?: AcceptedInvitation;
}

/** How an adapter's request looks to `serve`: each part read only when needed. */
export interface Exchange {
  method: string;
  contentType: string | null | undefined;
  query: URLSearchParams;
  params: Record<string, string>;
  /** The host's `authenticate`, bound to the adapter's request. */
  authenticate(): unknown;
  /** The parsed JSON body (see `parseJsonBody`), read after authentication. */
  readBody(): Promise<Record<string, unknown> | undefined>;
}

type QueryType = 'number' | 'boolean' | 'string';

export interface RouteRunner {
  readonly routes: readonly BoundRoute[];
  /** The route and path parameters for a method and a path below the mount point, or `null`. */
  match(method: string, path: string): { bound: BoundRoute; params: Record<string, string> } | null;
  /** The signed-in user a route needs: `UNAUTHENTICATED` when there is none. */
  requireUser(bound: BoundRoute, userId: unknown): string | null;
  /** Parses the inputs, makes the call, shapes the answer. Throws what the call throws. */
  execute(bound: BoundRoute, request: RouteRequest): Promise<RouteOutcome>;
}

const paramNamesOf = (path: string) => path.split('/').flatMap((part) => (part.startsWith(':') ? [part.slice(1)] : []));

/**
 * Binds the route table to one orgkit (its matrix decides the roles the
 * schemas accept).
 *
 * ```ts
 * const runner = createRouteRunner(orgkit);
 * const found = runner.match('GET', '/organizations/org_1/members');
 * ```
 */
export function createRouteRunner(orgkit: Orgkit<Matrix>): RouteRunner {
  const schemas = createHttpSchemas(orgkit.matrix.roles) as unknown as Record<string, z.ZodType>;
  const bound: BoundRoute[] = listRoutes().map(({ name, route }) => ({
    name,
    route,
    paramNames: paramNamesOf(route.path),
  }));
  const prepared = new Map(
    bound.map((entry) => [
      entry,
      {
        segments: entry.route.path.split('/').slice(1),
        params: z.strictObject(Object.fromEntries(entry.paramNames.map((name) => [name, idSchema]))),
        input: entry.route.query ?? entry.route.body,
        queryTypes: entry.route.query === undefined ? undefined : queryTypesOf(schemas[entry.route.query]!),
      },
    ]),
  );
  // The table's calls are typed against the default matrix; any matrix runs them the same way.
  const service = orgkit as unknown as Orgkit;

  function requireUser(entry: BoundRoute, userId: unknown): string | null {
    const { access } = entry.route;
    if (access === 'public') return null;
    if (userId === null || userId === undefined || userId === '') {
      if (access === 'anyone') return null;
      throw unauthenticated();
    }
    if (typeof userId !== 'string') throw new TypeError('orgkit: `authenticate` must answer a user id string or null.');
    return userId;
  }

  return {
    routes: bound,
    match(method, path) {
      const wanted = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
      const parts = path.split('/').slice(1);
      for (const entry of bound) {
        if (entry.route.method !== wanted) continue;
        const params = matchSegments(prepared.get(entry)!.segments, parts);
        if (params !== null) return { bound: entry, params };
      }
      return null;
    },
    requireUser,
    async execute(entry, request) {
      const { params: paramsSchema, input: inputName, queryTypes } = prepared.get(entry)!;
      const userId = requireUser(entry, request.userId);
      const params = parse(paramsSchema, request.params) as Record<string, string>;
      const raw = queryTypes === undefined ? request.body : queryInput(request.query, queryTypes);
      const input = inputName === undefined ? undefined : parse(schemas[inputName]!, raw ?? {});
      const actor =
        entry.route.access === 'member' && userId !== null ? { userId, organizationId: params.orgId! } : undefined;
      const result = await entry.route.call(service, { params, input, actor, userId: userId ?? undefined } as never);
      const { status, response, signsIn } = entry.route;
      return {
        status,
        body: response === undefined ? undefined : mapShape(response, result, (_kind, value) => value),
        ...(signsIn ? { accepted: result as AcceptedInvitation } : {}),
      };
    },
  };
}

/**
 * The steps before the call, in the order every adapter keeps: the media
 * type (415), the user (401), the body (413, 400), then the call.
 *
 * ```ts
 * const outcome = await serve(runner, found.bound, { method, contentType, query, params, authenticate, readBody });
 * ```
 */
export async function serve(runner: RouteRunner, bound: BoundRoute, exchange: Exchange): Promise<RouteOutcome> {
  assertJsonContentType(exchange.method, exchange.contentType);
  const userId = bound.route.access === 'public' ? null : runner.requireUser(bound, await exchange.authenticate());
  const body = bound.route.method === 'GET' ? undefined : await exchange.readBody();
  return runner.execute(bound, { userId, params: exchange.params, query: exchange.query, body });
}

function matchSegments(pattern: readonly string[], parts: readonly string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const expected = pattern[i]!;
    let part: string;
    try {
      part = decodeURIComponent(parts[i]!);
    } catch {
      return null;
    }
    if (expected.startsWith(':')) {
      if (part === '') return null;
      params[expected.slice(1)] = part;
    } else if (expected !== part) {
      return null;
    }
  }
  return params;
}

/** The query keys a schema reads, with the JSON type each must be coerced to from its string. */
function queryTypesOf(schema: z.ZodType): Map<string, QueryType> {
  const properties = (inputJsonSchema(schema).properties ?? {}) as Record<string, { type?: string }>;
  return new Map(
    Object.entries(properties).map(([key, property]) => [
      key,
      property.type === 'integer' || property.type === 'number'
        ? 'number'
        : property.type === 'boolean'
          ? 'boolean'
          : 'string',
    ]),
  );
}

/**
 * The query as the schema's input. Keys the schema does not read are
 * ignored (a cache-buster, a token someone put in a link); a key given
 * twice stays a list, which the schema then refuses.
 */
function queryInput(query: URLSearchParams, types: Map<string, QueryType>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, type] of types) {
    const values = query.getAll(key).map((value) => coerce(value, type));
    if (values.length > 0) input[key] = values.length === 1 ? values[0] : values;
  }
  return input;
}

function coerce(value: string, type: QueryType): unknown {
  if (type === 'number' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}
