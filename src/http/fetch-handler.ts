/**
 * The portable core: orgkit's routes as `(request: Request) => Promise<Response>`,
 * for fetch-standard runtimes (Hono, Next.js route handlers, Bun, Deno).
 */
import type { Matrix, RoleOf } from '../access/matrix.js';
import type { Orgkit } from '../create-orgkit.js';
import { afterCommit, errorResponse, noSuchRoute, safeReporter } from './http-errors.js';
import { JSON_HEADERS } from './json-headers.js';
import { assertDeclaredLength, parseJsonBody, readWebBody } from './request-body.js';
import { type AcceptedInvitation, createRouteRunner, serve } from './route-runner.js';

/** Where the handler is mounted, and the host's hooks. */
export interface OrgkitFetchHandlerOptions<M extends Matrix = Matrix> {
  /** Where the handler is mounted, such as `/api`: stripped from the request's path. Default: none. */
  basePath?: string;
  /**
   * The host's sign-in: the signed-in user's id, or `null`. Called before
   * every route that needs a user (all but preview, accept and email-change
   * confirmation); `null` answers 401 before any service is called.
   */
  authenticate(request: Request): string | null | undefined | Promise<string | null | undefined>;
  /**
   * Called after an invitation is accepted, before the 200 is sent, to sign
   * the new member in: append to `response.headers` (a `Set-Cookie`, say)
   * and they go out with the answer. What it throws goes to `onError`; the
   * answer is still 200, since the invitation is accepted and its token spent.
   */
  onAccepted?(
    accepted: AcceptedInvitation<RoleOf<M>>,
    request: Request,
    response: { headers: Headers },
  ): void | Promise<void>;
  /** Receives what failed unexpectedly (answered as a bare 500 `INTERNAL`). Default: `console.error`. */
  onError?(error: unknown, request: Request): void;
}

/**
 * orgkit's JSON API as a fetch handler. The organization comes from the
 * path; only `authenticate` says who is calling.
 *
 * ```ts
 * import { orgkitFetchHandler } from 'orgkit/http';
 *
 * const handler = orgkitFetchHandler(orgkit, {
 *   basePath: '/api',
 *   authenticate: async (request) => (await sessions.read(request))?.userId ?? null,
 * });
 * app.all('/api/*', (c) => handler(c.req.raw)); // Hono
 * ```
 */
export function orgkitFetchHandler<M extends Matrix>(
  orgkit: Orgkit<M>,
  options: OrgkitFetchHandlerOptions<M>,
): (request: Request) => Promise<Response> {
  if (typeof options?.authenticate !== 'function') {
    throw new TypeError('orgkitFetchHandler: `authenticate` must be a function.');
  }
  const runner = createRouteRunner(orgkit as unknown as Orgkit<Matrix>);
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const report = safeReporter(options.onError ?? ((error: unknown) => console.error('orgkit:', error)));
  const respond = (request: Request, status: number, body: unknown, headers: Headers = new Headers(JSON_HEADERS)) =>
    new Response(body === undefined || request.method === 'HEAD' ? null : JSON.stringify(body), { status, headers });

  return async (request) => {
    try {
      const url = new URL(request.url);
      const path = url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : null;
      const found = path === null ? null : runner.match(request.method, path);
      if (found === null) throw noSuchRoute();
      const outcome = await serve(runner, found.bound, {
        method: request.method,
        contentType: request.headers.get('content-type'),
        query: url.searchParams,
        params: found.params,
        authenticate: () => options.authenticate(request),
        readBody: async () => {
          assertDeclaredLength(request.headers.get('content-length'));
          return parseJsonBody(await readWebBody(request.body));
        },
      });
      // The hook adds to these, and they go out with the answer.
      const headers = new Headers(JSON_HEADERS);
      const { accepted } = outcome;
      if (accepted !== undefined && options.onAccepted !== undefined) {
        const onAccepted = options.onAccepted;
        await afterCommit(
          () => onAccepted(accepted as AcceptedInvitation<RoleOf<M>>, request, { headers }),
          (error) => report(error, request),
        );
      }
      return respond(request, outcome.status, outcome.body, headers);
    } catch (error) {
      const { status, body, unexpected } = errorResponse(error);
      if (unexpected) report(error, request);
      return respond(request, status, body);
    }
  };
}
