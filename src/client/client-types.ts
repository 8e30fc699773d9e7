/**
 * The client's types, derived from the route table: each route becomes a
 * call taking its path's ids, then its input, and answering its response
 * shape, typed for the roles and permissions of a matrix.
 */
import type { z } from 'zod';
import type { DefaultMatrix } from '../access/default-matrix.js';
import type { Matrix, RoleOf } from '../access/matrix.js';
import type { HttpSchemaName, HttpSchemas } from '../http/http-schemas.js';
import type { PathParams, ResponseType } from '../http/route.js';
import type { Routes } from '../http/routes.js';

/** What a client sends for a named schema, with `role` fields typed by the matrix. */
type Input<S, M extends Matrix> = S extends HttpSchemaName ? WithRoles<z.input<HttpSchemas[S]>, M> : never;

type WithRoles<T, M extends Matrix> = {
  [K in keyof T]: K extends 'role' ? (undefined extends T[K] ? RoleOf<M> | undefined : RoleOf<M>) : T[K];
};

/** Named tuple elements, so editors show `(orgId, userId, input)` rather than `(args_0, …)`. */
type Labeled<N, T> = N extends 'orgId'
  ? [orgId: T]
  : N extends 'userId'
    ? [userId: T]
    : N extends 'projectId'
      ? [projectId: T]
      : N extends 'invitationId'
        ? [invitationId: T]
        : N extends 'status'
          ? [status: T]
          : N extends 'name'
            ? [name: T]
            : N extends 'token'
              ? [token: T]
              : [value: T];

type IdArgs<Names> = Names extends [infer First, ...infer Rest] ? [...Labeled<First, string>, ...IdArgs<Rest>] : [];

type InputArgs<R, M extends Matrix> = R extends { query: infer Q extends HttpSchemaName }
  ? Partial<Input<Q, M>> extends Input<Q, M>
    ? [query?: Input<Q, M>]
    : [query: Input<Q, M>]
  : R extends { body: infer B extends HttpSchemaName; argument: infer A }
    ? A extends keyof Input<B, M>
      ? Labeled<A, Input<B, M>[A]>
      : Partial<Input<B, M>> extends Input<B, M>
        ? [input?: Input<B, M>]
        : [input: Input<B, M>]
    : [];

/** One route as a client call. */
export type ClientCall<R, M extends Matrix = DefaultMatrix> = R extends {
  path: infer P extends string;
  response: infer S;
}
  ? (...args: [...IdArgs<PathParams<P>>, ...InputArgs<R, M>]) => Promise<ResponseType<S, M>>
  : never;

/**
 * orgkit's services over HTTP: `client.members.list(orgId, { search })`.
 * `M` is the host's matrix (`typeof matrix`), for its roles and permissions.
 */
export type OrgkitClient<M extends Matrix = DefaultMatrix> = {
  readonly [G in keyof Routes]: { readonly [N in keyof Routes[G]]: ClientCall<Routes[G][N], M> };
};
