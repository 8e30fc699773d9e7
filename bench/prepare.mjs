// Gets `npm run bench` ready: installs the suite's own locked dependencies
// (bench/node_modules) when they are missing or older than its lock, and
// builds the library (the suite uses dist/, as a host would) when dist/ is
// missing or older than any file in src/.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bench = dirname(fileURLToPath(import.meta.url));
const root = dirname(bench);
const mtime = (path) => statSync(path).mtimeMs;

const marker = join(bench, 'node_modules', '.package-lock.json');
if (!existsSync(marker) || mtime(marker) < mtime(join(bench, 'package-lock.json'))) {
  console.log('Installing the benchmark dependencies (npm ci in bench/)…');
  execSync('npm ci --no-audit --no-fund', { cwd: bench, stdio: 'inherit' });
}

const newest = (dir) =>
  Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((entry) =>
      entry.isDirectory() ? newest(join(dir, entry.name)) : mtime(join(dir, entry.name)),
    ),
  );
const built = join(root, 'dist', 'index.js');
if (!existsSync(built) || mtime(built) < Math.max(newest(join(root, 'src')), mtime(join(root, 'tsup.config.ts')))) {
  console.log('Building the library (npm run build)…');
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
}
