/**
 * Reading a request's JSON body the same way in every adapter: the media
 * type, the size limit, then the parse. Nothing here trusts a host's body
 * parser to have run, or to have been configured the same way.
 */
import { BODY_LIMIT, bodyTooLarge, malformedBody, unsupportedMediaType } from './http-errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * `415` unless a request that may change something says
 * `Content-Type: application/json` (UTF-8), even without a body. A form, a
 * beacon or a no-cors fetch cannot send that type without a CORS preflight,
 * so no cross-site request that skips CORS reaches a mutation.
 */
export function assertJsonContentType(method: string, contentType: string | null | undefined): void {
  if (SAFE_METHODS.has(method.toUpperCase())) return;
  if (!isJson(contentType)) throw unsupportedMediaType();
}

function isJson(contentType: string | null | undefined): boolean {
  if (!contentType) return false;
  const [type = '', ...parameters] = contentType.split(';');
  if (type.trim().toLowerCase() !== 'application/json') return false;
  return parameters.every((parameter) => {
    const [name = '', value = ''] = parameter.split('=');
    return name.trim().toLowerCase() !== 'charset' || /^"?utf-8"?$/i.test(value.trim());
  });
}

/**
 * The JSON object a body holds; `undefined` for an empty body. Malformed
 * JSON, or JSON that is not an object, is `VALIDATION_FAILED` (400).
 */
export function parseJsonBody(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw malformedBody('The body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformedBody('The body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

/** `413` when a declared `Content-Length` is over the limit, before a byte is read. */
export function assertDeclaredLength(contentLength: string | null | undefined): void {
  if (contentLength && Number(contentLength) > BODY_LIMIT) throw bodyTooLarge();
}

/** Decodes UTF-8 strictly: a body that is not text is as malformed as bad JSON. */
export function decodeBody(chunks: readonly Uint8Array[]): string {
  const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw malformedBody('The body is not valid UTF-8.');
  }
}

/**
 * Reads a web stream (a fetch `Request`'s body) up to the limit. Over it,
 * the stream is cancelled and the answer is `413`.
 */
export async function readWebBody(body: ReadableStream<Uint8Array> | null): Promise<string | undefined> {
  if (body === null) return undefined;
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > BODY_LIMIT) {
      await reader.cancel().catch(() => undefined);
      throw bodyTooLarge();
    }
    chunks.push(value);
  }
  return decodeBody(chunks);
}

/** The part of Node's `IncomingMessage` the reader needs. */
export interface NodeBodyStream {
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(event: 'data'): unknown;
  resume(): unknown;
  readonly readableEnded?: boolean;
}

/**
 * Reads a Node request up to the limit. Over it, the rest is drained
 * unread rather than the stream destroyed, which would take the socket and
 * the `413` answer with it; the adapter closes the connection after
 * answering.
 */
export function readNodeBody(stream: NodeBodyStream): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    stream.on('data', (chunk) => {
      size += chunk.byteLength;
      if (size <= BODY_LIMIT) {
        chunks.push(chunk);
        return;
      }
      stream.removeAllListeners('data');
      stream.resume();
      settle(() => reject(bodyTooLarge()));
    });
    stream.on('end', () =>
      settle(() => {
        try {
          resolve(chunks.length === 0 ? undefined : decodeBody(chunks));
        } catch (error) {
          reject(error);
        }
      }),
    );
    stream.on('error', (error) => settle(() => reject(error)));
    stream.on('close', () => settle(() => reject(new Error('The request closed before its body ended.'))));
  });
}
