/** orgkit's JSON API as a Fastify plugin: `app.register(orgkitFastify, { prefix: '/api', orgkit, authenticate })`. */
export { type OrgkitFastifyOptions, orgkitFastify } from './http/fastify-plugin.js';
export type { AcceptedInvitation } from './http/route-runner.js';
