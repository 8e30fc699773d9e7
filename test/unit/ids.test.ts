import { describe, expect, it } from 'vitest';
import { newId } from '../../src/services/ids.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newId', () => {
  it('is a UUIDv7 (version 7, RFC 4122 variant), lower-case', () => {
    for (let i = 0; i < 100; i += 1) expect(newId()).toMatch(UUID_V7);
  });

  it('carries the current time in its first 48 bits', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    const ms = Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    // A burst earlier in the process may have pushed the counter a few ms ahead.
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after + 50);
  });

  it('mints 10,000 unique ids in strictly increasing string order', () => {
    const ids = Array.from({ length: 10_000 }, newId);
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i += 1) {
      if (!(ids[i - 1]! < ids[i]!)) {
        throw new Error(`id #${i} ${ids[i]} does not sort after ${ids[i - 1]}`);
      }
    }
  });

  it('keeps order across a burst of more than 4096 ids in one millisecond', () => {
    // The 12-bit counter overflows after 4096 ids in one millisecond; order must survive it.
    const realNow = Date.now;
    const frozen = realNow() + 10_000;
    Date.now = () => frozen;
    try {
      const ids = Array.from({ length: 5_000 }, newId);
      for (let i = 1; i < ids.length; i += 1) expect(ids[i - 1]! < ids[i]!).toBe(true);
    } finally {
      Date.now = realNow;
    }
  });

  it('keeps order when the clock steps back', () => {
    const realNow = Date.now;
    const first = newId();
    Date.now = () => realNow() - 60_000;
    try {
      expect(newId() > first).toBe(true);
    } finally {
      Date.now = realNow;
    }
  });
});
