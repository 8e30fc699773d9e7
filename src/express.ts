/** orgkit's JSON API as an Express router: `app.use('/api', orgkitExpress(orgkit, { authenticate }))`. */
export { type OrgkitExpressOptions, orgkitExpress } from './http/express-router.js';
export type { AcceptedInvitation } from './http/route-runner.js';
