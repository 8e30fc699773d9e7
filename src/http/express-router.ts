/**
 * orgkit's routes as an Express router (Express 4 and 5), with its own body
 * parsing and error handling: `app.use('/api', orgkitExpress(orgkit, { authenticate }))`
 * is the whole integration.
 */
import express, { type Request, type Response, type Router } from 'express';
import type { Matrix, RoleOf } from '../access/matrix.js';
import type { Orgkit } from '../create-orgkit.js';
import { type ConsoleFiles, loadConsoleFiles } from './console-files.js';
import {
  afterCommit,
  BODY_LIMIT,
  bodyTooLarge,
  errorResponse,
  malformedBody,
  noSuchRoute,
  safeReporter,
} from './http-errors.js';
import { JSON_HEADERS } from './json-headers.js';
import { assertDeclaredLength, parseJsonBody, readNodeBody } from './request-body.js';
import { type AcceptedInvitation, type BoundRoute, createRouteRunner, serve } from './route-runner.js';

/** The host's hooks: who is signed in, what to do after an accept, where unexpected errors go. */
export interface OrgkitExpressOptions<M extends Matrix = Matrix> {
  /**
   * The host's sign-in: the signed-in user's id, or `null` (401 before any
   * service is called). Not called for preview, accept and email-change
   * confirmation.
   */
  authenticate(request: Request): string | null | undefined | Promise<string | null | undefined>;
  /**
   * Called after an invitation is accepted, before the 200 is sent, to sign
   * the new member in (`response.cookie(…)`). What it throws goes to
   * `onError`; the answer is still 200, since the invitation is accepted and
   * its token spent. If it sends a response itself, orgkit sends none.
   */
  onAccepted?(accepted: AcceptedInvitation<RoleOf<M>>, request: Request, response: Response): void | Promise<void>;
  /** Receives what failed unexpectedly (answered as a bare 500 `INTERNAL`). Default: `console.error`. */
  onError?(error: unknown, request: Request): void;
  /**
   * Also serve the prebuilt Users & Roles console at `<mount>/console/`
   * (no sign-in for the page itself; its calls sign in as usual).
   */
  console?: boolean;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * An Express `Router` serving orgkit's JSON API. It parses its own JSON
 * bodies (64 KiB at most) and answers its own errors, whatever else the
 * host has configured.
 *
 * ```ts
 * import { orgkitExpress } from 'orgkit/express';
 *
 * app.use('/api', orgkitExpress(orgkit, {
 *   authenticate: (req) => req.session?.userId ?? null,
 *   onAccepted: ({ member }, req, res) => res.cookie('session', sessions.create(member.userId), { httpOnly: true }),
 * }));
 * ```
 */
export function orgkitExpress<M extends Matrix>(orgkit: Orgkit<M>, options: OrgkitExpressOptions<M>): Router {
  if (typeof options?.authenticate !== 'function') {
    throw new TypeError('orgkitExpress: `authenticate` must be a function.');
  }
  const runner = createRouteRunner(orgkit as unknown as Orgkit<Matrix>);
  const report = safeReporter(options.onError ?? ((error: unknown) => console.error('orgkit:', error)));

  async function handle(bound: BoundRoute, request: Request, response: Response): Promise<void> {
    try {
      const outcome = await serve(runner, bound, {
        method: request.method,
        contentType: request.get('content-type'),
        // The raw query, not `req.query`: Express 4 and 5 parse it differently.
        query: new URL(request.originalUrl, 'http://localhost').searchParams,
        params: { ...request.params } as Record<string, string>,
        authenticate: () => options.authenticate(request),
        readBody: () => readBody(request),
      });
      const { accepted } = outcome;
      if (accepted !== undefined && options.onAccepted !== undefined) {
        const onAccepted = options.onAccepted;
        await afterCommit(
          () => onAccepted(accepted as AcceptedInvitation<RoleOf<M>>, request, response),
          (error) => report(error, request),
        );
      }
      send(response, outcome.status, outcome.body);
    } catch (error) {
      const { status, body, unexpected } = errorResponse(error);
      if (unexpected) report(error, request);
      send(response, status, body);
    }
  }

  const router = express.Router();
  if (options.console === true) serveConsole(router, loadConsoleFiles('orgkitExpress'));
  for (const bound of runner.routes) {
    router[bound.route.method.toLowerCase() as Method](bound.route.path, (request, response) => {
      void handle(bound, request, response);
    });
  }
  router.use((_request: Request, response: Response) => {
    const { status, body } = errorResponse(noSuchRoute());
    send(response, status, body);
  });
  return router;
}

/** The console page and its two scripts, by name; `/console` redirects to `/console/` so relative URLs resolve. */
function serveConsole(router: Router, files: ConsoleFiles): void {
  // Express matches `/console` and `/console/` alike (non-strict routing): the URL tells them apart.
  router.get(['/console', '/console/:file'], (request, response, next) => {
    const url = new URL(request.originalUrl, 'http://localhost');
    const name = (request.params as { file?: string }).file;
    if (name === undefined && !url.pathname.endsWith('/')) {
      response.redirect(308, `${url.pathname}/${url.search}`);
      return;
    }
    const file = files.get(name ?? '');
    if (file === undefined) return next();
    response.status(200).set(file.headers).end(file.body);
  });
}

/** orgkit's own parse, unless a host-wide parser (`express.json()`) already consumed the stream. */
async function readBody(request: Request): Promise<Record<string, unknown> | undefined> {
  if ((request as { _body?: unknown })._body === true || request.readableEnded) {
    const parsed: unknown = request.body;
    if (parsed === undefined) return undefined;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw malformedBody('The body must be a JSON object.');
    }
    if (JSON.stringify(parsed).length > BODY_LIMIT) throw bodyTooLarge();
    return parsed as Record<string, unknown>;
  }
  assertDeclaredLength(request.get('content-length'));
  return parseJsonBody(await readNodeBody(request));
}

/** Plain Node calls, the same in Express 4 and 5. */
function send(response: Response, status: number, body: unknown): void {
  if (response.headersSent) return;
  response.statusCode = status;
  for (const [name, value] of Object.entries(JSON_HEADERS)) response.setHeader(name, value);
  // An oversized body may still be arriving: close rather than read it to the end.
  if (status === 413) response.setHeader('connection', 'close');
  response.end(body === undefined ? undefined : JSON.stringify(body));
}
