// Installs the benchmark suite's own locked dependencies (bench/node_modules)
// once, when they are missing or older than bench/package-lock.json, so that
// `npm run bench` works straight after cloning without slowing later runs.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bench = dirname(fileURLToPath(import.meta.url));
const marker = join(bench, 'node_modules', '.package-lock.json');
const lock = join(bench, 'package-lock.json');
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
  console.log('Installing the benchmark dependencies (npm --prefix bench ci)…');
  execSync('npm ci --no-audit --no-fund', { cwd: bench, stdio: 'inherit' });
}
