/**
 * A tiny Node adapter for a fetch handler, as a host would use one (Hono's
 * `@hono/node-server` does the same): an `IncomingMessage` becomes a
 * `Request`, the `Response` goes back through the `ServerResponse`. Only for
 * the tests: it serves `orgkitFetchHandler` over a real socket.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export function serveFetchHandler(handler: (request: Request) => Promise<Response>): Server {
  return createServer((incoming, outgoing) => {
    void relay(handler, incoming, outgoing);
  });
}

async function relay(
  handler: (request: Request) => Promise<Response>,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = incoming.method !== 'GET' && incoming.method !== 'HEAD';
  const request = new Request(`http://${incoming.headers.host ?? 'localhost'}${incoming.url}`, {
    method: incoming.method,
    headers,
    body: hasBody ? bodyOf(incoming) : null,
    duplex: 'half',
    // Node's RequestInit has `duplex`; the DOM's (loaded for the console) does not.
  } as RequestInit);
  const response = await handler(request);
  outgoing.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') outgoing.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) outgoing.setHeader('set-cookie', cookies);
  if (response.status === 413) outgoing.setHeader('connection', 'close');
  outgoing.end(response.body === null ? undefined : Buffer.from(await response.arrayBuffer()));
}

/** The request body as a web stream; cancelling it drains the rest instead of destroying the socket. */
function bodyOf(incoming: IncomingMessage): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream({
    start(controller) {
      incoming.on('data', (chunk: Buffer) => controller.enqueue(new Uint8Array(chunk)));
      incoming.on('end', () => cancelled || controller.close());
      incoming.on('error', (error) => cancelled || controller.error(error));
    },
    cancel() {
      cancelled = true;
      incoming.removeAllListeners('data');
      incoming.resume();
    },
  });
}
