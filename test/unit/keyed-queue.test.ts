import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../src/services/keyed-queue.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('KeyedQueue', () => {
  it('runs calls on one key one at a time, in order, and calls on other keys alongside', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const task = (key: string, name: string) =>
      queue.run(key, async () => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
        return name;
      });
    const results = await Promise.all([task('a', 'a1'), task('a', 'a2'), task('b', 'b1')]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('a1 end')).toBeLessThan(log.indexOf('a2 start'));
    expect(log.indexOf('b1 start')).toBeLessThan(log.indexOf('a1 end'));
  });

  it('tells a waiting call whether one before it succeeded, not merely ran', async () => {
    const queue = new KeyedQueue();
    const seen: boolean[] = [];
    const failing = queue.run('k', async () => {
      await tick();
      throw new Error('first fails');
    });
    const second = queue.run('k', async (joined) => {
      seen.push(joined);
      await tick();
    });
    const third = queue.run('k', async (joined) => {
      seen.push(joined);
    });
    await expect(failing).rejects.toThrow('first fails');
    await Promise.all([second, third]);
    expect(seen).toEqual([false, true]);
    // Alone again: nothing succeeded while it waited.
    expect(await queue.run('k', async (joined) => joined)).toBe(false);
  });
});
