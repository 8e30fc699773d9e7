import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashToken, newToken, tokenMatches } from '../../src/services/tokens.js';

describe('newToken', () => {
  it('carries at least 256 bits, base64url-encoded', () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(256);
  });

  it('is safe in a URL path as it is', () => {
    const token = newToken();
    expect(encodeURIComponent(token)).toBe(token);
  });

  it('never repeats', () => {
    const tokens = new Set(Array.from({ length: 1_000 }, newToken));
    expect(tokens.size).toBe(1_000);
  });

  it('is not predictable from its predecessor (bytes differ throughout)', () => {
    const a = Buffer.from(newToken(), 'base64url');
    const b = Buffer.from(newToken(), 'base64url');
    const equalBytes = a.filter((byte, i) => byte === b[i]).length;
    // Two independent 32-byte draws share about one byte by chance; a counter would share most.
    expect(equalBytes).toBeLessThan(16);
  });
});

describe('hashToken', () => {
  it('is the hex SHA-256 of the token', () => {
    const token = newToken();
    const hash = hashToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
  });

  it('matches a known vector', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('does not contain the token', () => {
    const token = newToken();
    expect(hashToken(token)).not.toContain(token);
  });
});

describe('tokenMatches', () => {
  const token = newToken();
  const stored = hashToken(token);

  it('accepts the token the hash was made from', () => {
    expect(tokenMatches(token, stored)).toBe(true);
  });

  it.each([
    ['another token', newToken()],
    ['the token with one character changed', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`],
    ['a prefix of the token', token.slice(0, 20)],
    ['the hash itself', stored],
    ['an empty string', ''],
  ])('refuses %s', (_name, candidate) => {
    expect(tokenMatches(candidate, stored)).toBe(false);
  });

  it.each([
    ['an empty stored hash', ''],
    ['a truncated stored hash', stored.slice(0, 32)],
    ['a stored hash that is not hex', 'z'.repeat(64)],
  ])('refuses against %s without throwing', (_name, storedHash) => {
    expect(tokenMatches(token, storedHash)).toBe(false);
  });
});
