/**
 * The layers of `src/` only point down: no module imports, even for a type,
 * one that imports it back, and the leaves stay leaves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Each module's relative imports (static, dynamic and type-only), as paths under `src/`. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)].map((match) => match[1]!);
    const targets = specifiers.map((specifier) =>
      relative(SRC, resolve(dirname(file), specifier.replace(/\.js$/, '.ts'))),
    );
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle !== null) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle !== null) return cycle;
  }
  return null;
}

describe('the layers of src/', () => {
  const graph = importGraph();

  it('has no import cycle', () => {
    expect(findCycle(graph)).toBeNull();
  });

  it('would see a cycle (the check itself works)', () => {
    const looped = new Map(graph);
    looped.set('errors.ts', [...(graph.get('errors.ts') ?? []), 'create-orgkit.ts']);
    expect(findCycle(looped)).not.toBeNull();
  });

  it('keeps mail/ a leaf and the stores free of the services and the web layers', () => {
    const reaches = (from: string, into: string) =>
      [...graph].filter(
        ([file, targets]) => file.startsWith(from) && targets.some((target) => target.startsWith(into)),
      );
    expect(reaches('mail/', 'services/')).toEqual([]);
    expect(reaches('mail/', 'store/')).toEqual([]);
    for (const layer of ['services/', 'http/', 'client/']) expect(reaches('store/', layer)).toEqual([]);
    expect(reaches('services/', 'http/')).toEqual([]);
    // The console runs in browsers: the client and its browser-safe files only.
    for (const layer of [
      'services/',
      'store/',
      'schemas/',
      'mail/',
      'create-orgkit.ts',
      'http/http-',
      'http/route-runner',
    ]) {
      expect(reaches('console', layer)).toEqual([]);
    }
  });
});
