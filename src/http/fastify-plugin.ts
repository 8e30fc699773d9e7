/**
 * orgkit's routes as a Fastify 5 plugin. Encapsulated on purpose (not
 * wrapped in fastify-plugin): its JSON parser, schema compilers, error and
 * not-found handlers apply under its prefix only, never to the host's routes.
 */
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { z } from 'zod';
import type { Matrix, RoleOf } from '../access/matrix.js';
import type { Orgkit } from '../create-orgkit.js';
import { loadConsoleFiles } from './console-files.js';
import {
  afterCommit,
  BODY_LIMIT,
  bodyTooLarge,
  errorResponse,
  malformedBody,
  noSuchRoute,
  safeReporter,
  unsupportedMediaType,
} from './http-errors.js';
import { createHttpSchemas } from './http-schemas.js';
import { JSON_HEADERS } from './json-headers.js';
import { ERRORS, errorStatuses, inputJsonSchema, responseJsonSchema } from './json-schemas.js';
import { assertJsonContentType, parseJsonBody } from './request-body.js';
import { type AcceptedInvitation, type BoundRoute, createRouteRunner } from './route-runner.js';

/** The plugin's options, besides Fastify's own (`prefix`): orgkit and the host's hooks. */
export interface OrgkitFastifyOptions<M extends Matrix = Matrix> {
  /** The orgkit whose services the routes call. */
  orgkit: Orgkit<M>;
  /**
   * The host's sign-in: the signed-in user's id, or `null` (401 before any
   * service is called). Runs in the route's `onRequest` hook, before the
   * body is read. Not called for preview, accept and email-change confirmation.
   */
  authenticate(request: FastifyRequest): string | null | undefined | Promise<string | null | undefined>;
  /**
   * Called after an invitation is accepted, before the 200 is sent, to sign
   * the new member in (`reply.header('set-cookie', …)`, or `reply.setCookie`
   * with @fastify/cookie). What it throws goes to `onError`; the answer is
   * still 200, since the invitation is accepted and its token spent.
   */
  onAccepted?(
    accepted: AcceptedInvitation<RoleOf<M>>,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void | Promise<void>;
  /** Receives what failed unexpectedly (answered as a bare 500 `INTERNAL`). Default: `request.log.error`. */
  onError?(error: unknown, request: FastifyRequest): void;
  /**
   * Also serve the prebuilt Users & Roles console at `<prefix>/console/`
   * (no sign-in for the page itself; its calls sign in as usual).
   */
  console?: boolean;
}

/**
 * Registers orgkit's JSON API under the plugin's prefix. Every route carries
 * JSON Schemas made from orgkit's zod schemas, so @fastify/swagger lists
 * them; validation itself stays zod's, in the services' terms.
 *
 * ```ts
 * import { orgkitFastify } from 'orgkit/fastify';
 *
 * await app.register(orgkitFastify, {
 *   prefix: '/api',
 *   orgkit,
 *   authenticate: (request) => request.session?.userId ?? null,
 * });
 * ```
 */
export const orgkitFastify: FastifyPluginAsync<OrgkitFastifyOptions> = async (app, options) => {
  if (typeof options?.authenticate !== 'function' || typeof options.orgkit?.members !== 'object') {
    throw new TypeError('orgkitFastify: give `orgkit` and an `authenticate` function.');
  }
  const { orgkit, authenticate } = options;
  const runner = createRouteRunner(orgkit);
  const schemas = createHttpSchemas(orgkit.matrix.roles) as unknown as Record<string, z.ZodType>;
  const userIds = new WeakMap<FastifyRequest, string | null>();
  const report = safeReporter(
    options.onError ??
      ((error: unknown, request: FastifyRequest) => request.log.error({ err: error }, 'orgkit: unexpected error')),
  );
  const send = (reply: FastifyReply, status: number, body: unknown) => {
    reply.code(status).headers(JSON_HEADERS);
    if (status === 413) reply.header('connection', 'close');
    return reply.send(body === undefined ? undefined : JSON.stringify(body));
  };

  // Bodies are read as text and parsed here, as in every adapter; zod validates.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, text, done) => {
    try {
      done(null, parseJsonBody(text as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  // The route schemas are documentation (for @fastify/swagger). Validation is zod's, in the runner, so its
  // issues read as the services' do; answers leave already shaped and serialized.
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, body, unexpected } = errorResponse(fromFastify(error));
    if (unexpected) report(error, request);
    return send(reply, status, body);
  });
  const notFound = (): [number, unknown] => {
    const { status, body } = errorResponse(noSuchRoute());
    return [status, body];
  };
  app.setNotFoundHandler((_request, reply) => send(reply, ...notFound()));

  if (options.console === true) {
    const files = loadConsoleFiles('orgkitFastify');
    app.get('/console', (request, reply) => {
      const [path, query] = request.url.split('?');
      return reply.redirect(`${path}/${query === undefined ? '' : `?${query}`}`, 308);
    });
    const serve = (name: string, reply: FastifyReply) => {
      const file = files.get(name);
      if (file === undefined) return send(reply, ...notFound());
      return reply.code(200).headers(file.headers).send(file.body);
    };
    app.get('/console/', (_request, reply) => serve('', reply));
    app.get<{ Params: { file: string } }>('/console/:file', (request, reply) => serve(request.params.file, reply));
  }

  for (const bound of runner.routes) {
    app.route({
      method: bound.route.method,
      url: bound.route.path,
      bodyLimit: BODY_LIMIT,
      schema: routeSchema(bound, schemas, orgkit.matrix),
      async onRequest(request) {
        assertJsonContentType(request.method, request.headers['content-type']);
        if (bound.route.access !== 'public') {
          userIds.set(request, runner.requireUser(bound, await authenticate(request)));
        }
      },
      async handler(request, reply) {
        const outcome = await runner.execute(bound, {
          userId: userIds.get(request) ?? null,
          params: request.params as Record<string, string>,
          // The raw query: the route's schema decides what it reads.
          query: new URLSearchParams(request.url.split('?')[1] ?? ''),
          body: request.body as Record<string, unknown> | undefined,
        });
        const { accepted } = outcome;
        if (accepted !== undefined && options.onAccepted !== undefined) {
          const onAccepted = options.onAccepted;
          await afterCommit(
            () => onAccepted(accepted, request, reply),
            (error) => report(error, request),
          );
        }
        if (reply.sent) return reply;
        return send(reply, outcome.status, outcome.body);
      },
    });
  }
};

/** Fastify's own refusals (body too large, unreadable) in orgkit's terms; anything else as it is. */
function fromFastify(error: FastifyError): unknown {
  if (!error.code?.startsWith('FST_')) return error;
  if (error.statusCode === 413) return bodyTooLarge();
  if (error.statusCode === 415) return unsupportedMediaType();
  if (error.statusCode !== undefined && error.statusCode < 500) return malformedBody('The request could not be read.');
  return error;
}

/** The route's JSON Schemas, for @fastify/swagger and anyone reading the routes. */
function routeSchema(bound: BoundRoute, schemas: Record<string, z.ZodType>, matrix: Matrix): FastifySchema {
  const { route, name, paramNames } = bound;
  const error = (description: string) => ({ description, type: 'object', properties: { error: { type: 'object' } } });
  return {
    operationId: name,
    summary: route.summary,
    tags: [name.split('.')[0]!],
    ...(paramNames.length === 0
      ? {}
      : {
          params: {
            type: 'object',
            required: [...paramNames],
            properties: Object.fromEntries(
              paramNames.map((param) => [param, { type: 'string', minLength: 1, maxLength: 128 }]),
            ),
          },
        }),
    ...(route.query === undefined ? {} : { querystring: inputJsonSchema(schemas[route.query]!) }),
    ...(route.body === undefined ? {} : { body: inputJsonSchema(schemas[route.body]!) }),
    response: {
      [route.status]:
        route.response === undefined
          ? { description: 'Done; no content.', type: 'null' }
          : { description: 'Success.', ...responseJsonSchema(route.response, matrix, 'inline') },
      ...Object.fromEntries(errorStatuses(route).map((status) => [status, error(ERRORS[status][1])])),
    },
  } as FastifySchema;
}
