import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering of docs/architecture.md, read from the import statements of src/: what the map says
 * runs one way must not quietly start running the other.
 */

const SRC = path.resolve(import.meta.dirname, '../../src');

interface Import {
  /** Path of the imported file relative to src/, without extension. */
  readonly to: string;
  /** `import type` / `export type`: erased at run time. */
  readonly typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

const STATIC = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.[^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g;

const rel = (file: string): string => path.relative(SRC, file).replace(/\\/g, '/').replace(/\.ts$/, '');

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const resolve = (spec: string): string => rel(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
  const out: Import[] = [];
  for (const m of text.matchAll(STATIC)) out.push({ to: resolve(m[3]!), typeOnly: m[2] !== undefined });
  for (const m of text.matchAll(DYNAMIC)) out.push({ to: resolve(m[1]!), typeOnly: false });
  return out;
}

const GRAPH = new Map(sourceFiles(SRC).map((f) => [rel(f), importsOf(f)]));
const under = (folder: string) => (file: string): boolean => file.startsWith(`${folder}/`);

describe('the import graph of src/', () => {
  it('is read: every relative import names a file of src/', () => {
    expect(GRAPH.size).toBeGreaterThan(100);
    const missing = [...GRAPH].flatMap(([from, imports]) => imports.filter((i) => !GRAPH.has(i.to)).map((i) => `${from} → ${i.to}`));
    expect(missing).toEqual([]);
  });

  it('keeps dsl above the pipeline: no stage below it imports dsl/', () => {
    const below = ['model', 'util', 'diff', 'plan', 'sql', 'introspect', 'migrations', 'db', 'apply', 'verify'];
    const leaks = [...GRAPH]
      .filter(([from]) => below.some((b) => under(b)(from)))
      .flatMap(([from, imports]) => imports.filter((i) => under('dsl')(i.to)).map((i) => `${from} → ${i.to}`));
    expect(leaks).toEqual([]);
  });

  it('lets the CLI run the pipeline only through api/ (types may come from anywhere)', () => {
    const allowed = (to: string): boolean => under('api')(to) || under('cli')(to) || to === 'errors' || to === 'version';
    const leaks = [...GRAPH]
      .filter(([from]) => under('cli')(from))
      .flatMap(([from, imports]) => imports.filter((i) => !i.typeOnly && !allowed(i.to)).map((i) => `${from} → ${i.to}`));
    expect(leaks).toEqual([]);
  });

  it('has no import cycle inside dsl/, types included', () => {
    const files = [...GRAPH.keys()].filter(under('dsl'));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const i of GRAPH.get(file) ?? []) if (under('dsl')(i.to)) visit(i.to, [...trail, file]);
      state.set(file, 'done');
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
