/**
 * orgkit over JSON HTTP, for fetch-standard runtimes: `orgkitFetchHandler`
 * (Hono, Next.js route handlers, Bun, Deno) and `openApiDocument`. Express
 * and Fastify have entries of their own: `orgkit/express`, `orgkit/fastify`.
 */
export { type OrgkitFetchHandlerOptions, orgkitFetchHandler } from './http/fetch-handler.js';
export type { ErrorBody } from './http/http-errors.js';
export { type OpenApiDocument, type OpenApiOptions, openApiDocument } from './http/openapi.js';
export type { AcceptedInvitation } from './http/route-runner.js';
