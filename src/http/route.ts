/**
 * What one route is: method, path, who may call it, which named input it
 * reads, the service call it makes and what it answers. Types only, plus the
 * `route` helper that infers them, so the browser client can import the
 * table without pulling in zod or a service.
 */
import type { z } from 'zod';
import type { DefaultMatrix } from '../access/default-matrix.js';
import type { Matrix, PermissionOf, RoleOf, Scope } from '../access/matrix.js';
import type { Orgkit } from '../create-orgkit.js';
import type { Actor } from '../schemas/common.js';
import type { AuditEvent, Page } from '../services/views.js';
import type { InvitationStatus, JsonValue, MemberStatus } from '../store/records.js';
import type { HttpSchemaName, HttpSchemas } from './http-schemas.js';
import type { ENTITIES, EntityName, FieldKind, ResponseShape } from './response-shapes.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. `member`: a signed-in user, acting in the
 * organization of the path (the services then check membership and role).
 * `user`: a signed-in user, no organization. `public`: anyone; the token in
 * the body is the credential. `anyone`: like `public`, but the signed-in
 * user, when there is one, is who acts (accepting an invitation joins them).
 */
export type RouteAccess = 'member' | 'user' | 'public' | 'anyone';

/** The names of a path's parameters, in order: `'/a/:orgId/b/:userId'` → `['orgId', 'userId']`. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? [Name, ...PathParams<`/${Rest}`>]
  : P extends `${string}:${infer Name}`
    ? [Name]
    : [];

/** The TypeScript type of each field kind, for the roles and permissions of `M`. */
export interface FieldTypes<M extends Matrix> {
  id: string;
  'id|null': string | null;
  'id[]': string[];
  string: string;
  email: string;
  'email|null': string | null;
  timezone: string;
  date: Date;
  'date|null': Date | null;
  role: RoleOf<M>;
  'role[]': RoleOf<M>[];
  memberStatus: MemberStatus;
  invitationStatus: InvitationStatus;
  auditAction: AuditEvent['action'];
  auditTarget: AuditEvent['targetType'];
  settings: { [key: string]: JsonValue };
  changes: AuditEvent['changes'];
  grants: Partial<Record<PermissionOf<M>, Scope>>;
}

type Entities = typeof ENTITIES;

/** An entity of `ENTITIES` as a TypeScript type: `EntityType<'Member'>` is a `Member`. */
export type EntityType<E extends EntityName, M extends Matrix = DefaultMatrix> = {
  -readonly [F in keyof Entities[E]]: Entities[E][F] extends EntityName
    ? EntityType<Entities[E][F], M>
    : FieldTypes<M>[Entities[E][F] & FieldKind];
};

/** The body a response shape describes; `undefined` for a route that answers 204. */
export type ResponseType<S, M extends Matrix = DefaultMatrix> = S extends EntityName
  ? EntityType<S, M>
  : S extends { readonly page: infer E extends EntityName }
    ? Page<EntityType<E, M>>
    : S extends { readonly items: infer E extends EntityName }
      ? { items: EntityType<E, M>[] }
      : undefined;

/** The parsed input of a named schema; `undefined` for a route without one. */
export type ParsedInput<S> = S extends HttpSchemaName ? z.output<HttpSchemas[S]> : undefined;

/** What a route's `call` receives, already parsed. */
export interface RouteContext<P extends string, A extends RouteAccess, I> {
  /** The path's parameters, each a valid id. */
  readonly params: { readonly [K in PathParams<P>[number]]: string };
  /** The query (GET) or body (others), parsed by the route's schema. */
  readonly input: I;
  /** `{ userId, organizationId }` from `authenticate` and the path. */
  readonly actor: A extends 'member' ? Actor : undefined;
  /** The signed-in user, as `authenticate` answered. */
  readonly userId: A extends 'public' ? undefined : A extends 'anyone' ? string | undefined : string;
}

export interface RouteDefinition<
  P extends string,
  A extends RouteAccess,
  Q extends HttpSchemaName | undefined,
  B extends HttpSchemaName | undefined,
  Arg extends string | undefined,
  S extends ResponseShape | undefined,
> {
  method: HttpMethod;
  path: P;
  /** Default: `member`. */
  access?: A;
  /** The schema the query string is parsed with (a GET's input). */
  query?: Q;
  /** The schema the JSON body is parsed with. */
  body?: B;
  /** The client takes this one body field as a plain argument: `rename(orgId, projectId, name)`. */
  argument?: Arg;
  status: 200 | 201 | 204;
  /** The success body; none for 204. */
  response?: S;
  /** One line for the OpenAPI document and docs/http.md. */
  summary: string;
  /** The accept route: its result goes to the host's `onAccepted`. */
  signsIn?: boolean;
  call(
    orgkit: Orgkit,
    context: RouteContext<P, A, ParsedInput<Q extends HttpSchemaName ? Q : B>>,
  ): Promise<S extends ResponseShape ? ResponseType<S> : unknown>;
}

/** A route as the table holds it: the optional fields present, `undefined` where not given. */
export interface Route<
  P extends string = string,
  A extends RouteAccess = RouteAccess,
  Q extends HttpSchemaName | undefined = HttpSchemaName | undefined,
  B extends HttpSchemaName | undefined = HttpSchemaName | undefined,
  Arg extends string | undefined = string | undefined,
  S extends ResponseShape | undefined = ResponseShape | undefined,
> extends Omit<RouteDefinition<P, A, Q, B, Arg, S>, 'access' | 'query' | 'body' | 'argument' | 'response'> {
  readonly access: A;
  readonly query: Q;
  readonly body: B;
  readonly argument: Arg;
  readonly response: S;
}

/** Defines one route, inferring the types its `call` receives and must answer. */
export function route<
  const P extends `/${string}`,
  const A extends RouteAccess = 'member',
  const Q extends HttpSchemaName | undefined = undefined,
  const B extends HttpSchemaName | undefined = undefined,
  const Arg extends string | undefined = undefined,
  const S extends ResponseShape | undefined = undefined,
>(definition: RouteDefinition<P, A, Q, B, Arg, S>): Route<P, A, Q, B, Arg, S> {
  return {
    ...definition,
    access: definition.access ?? ('member' as A),
    query: definition.query as Q,
    body: definition.body as B,
    argument: definition.argument as Arg,
    response: definition.response as S,
  };
}

/** A route of any kind, as adapters walk the table. */
// biome-ignore lint/suspicious/noExplicitAny: the table's routes differ in every type parameter.
export type AnyRoute = Route<string, RouteAccess, any, any, any, any>;
