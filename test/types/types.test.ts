import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('type-level expectations', () => {
  it('test/types type-checks: misspelt permissions and unknown roles fail to compile', () => {
    let output = '';
    let status = 0;
    try {
      execFileSync('npx', ['tsc', '--noEmit', '-p', 'test/types/tsconfig.json'], {
        cwd: root,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      const failure = error as { status: number | null; stdout?: string; stderr?: string };
      status = failure.status ?? 1;
      output = `${failure.stdout ?? ''}${failure.stderr ?? ''}`;
    }
    expect(output).toBe('');
    expect(status).toBe(0);
  }, 120_000);
});
