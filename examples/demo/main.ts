/**
 * `npm start`: the demo on http://localhost:3000 (`PORT` to change) over
 * `./orgkit-demo.db`, seeded on first start. Delete the file to start over.
 */
import { start } from './server.js';

const database = 'orgkit-demo.db';
const port = Number(process.env.PORT ?? 3000);
const demo = await start({ port, database }).catch((error: NodeJS.ErrnoException) => {
  if (error.code !== 'EADDRINUSE') throw error;
  console.error(`Port ${port} is in use: start the demo on another one, such as \`PORT=3001 npm start\`.`);
  process.exit(1);
});
const where = demo.seeded ? `Seeded ${database} with Acme Robotics.` : `Opened ${database} (delete it to start over).`;
console.log(`
orgkit demo: ${where}

  Open ${demo.url}

  1. At the top, "Signed in as": pick Olivia Owner (owner), Ada Admin (admin) or Uma User (user), then Sign in.
  2. As the owner, click "Add User", enter an email, a role and projects, then "Send Invitation".
  3. The invitation appears in the Mailbox panel on the right: open its link to accept it as the invitee,
     who lands signed in.
  4. Click a member to open the User Console: disable or enable access, update the role, email or timezone.

The sign-in bar and the Mailbox are development stand-ins for your app's sign-in and mail server.
Press Ctrl+C to stop.`);
