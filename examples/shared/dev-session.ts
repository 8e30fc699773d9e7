/**
 * The examples' development sign-in: a cookie holding a user id and its
 * HMAC, so the browser cannot forge one. It stands in for the host's real
 * sessions (a session store, an identity provider): replace this module,
 * keep `read` answering "who is signed in" for orgkit's `authenticate`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface DevSessions {
  /** A `Set-Cookie` value signing `userId` in. */
  issue(userId: string): string;
  /** The signed-in user id from a `Cookie` header, or `null`. */
  read(cookieHeader: string | undefined | null): string | null;
  /** A `Set-Cookie` value signing out. */
  clear(): string;
}

const COOKIE = 'orgkit_dev_session';

/**
 * Sessions signed with `secret` (default: random per process, so a restart
 * signs everyone out).
 *
 * ```ts
 * const sessions = devSessions();
 * res.setHeader('set-cookie', sessions.issue(userId));
 * const userId = sessions.read(req.headers.cookie);
 * ```
 */
export function devSessions(secret: Uint8Array = randomBytes(32)): DevSessions {
  const sign = (value: string) => createHmac('sha256', secret).update(value).digest('base64url');
  const attributes = 'Path=/; HttpOnly; SameSite=Lax';
  return {
    issue(userId) {
      const value = Buffer.from(userId).toString('base64url');
      return `${COOKIE}=${value}.${sign(value)}; ${attributes}`;
    },
    read(cookieHeader) {
      const cookie = (cookieHeader ?? '')
        .split(';')
        .map((part) => part.trim())
        .find((part) => part.startsWith(`${COOKIE}=`));
      const [value, signature] = (cookie?.slice(COOKIE.length + 1) ?? '').split('.');
      if (!value || !signature) return null;
      const expected = Buffer.from(sign(value));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      return Buffer.from(value, 'base64url').toString('utf8');
    },
    clear: () => `${COOKIE}=; ${attributes}; Max-Age=0`,
  };
}
