import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { quoteIdent } from '../../../src/sql/ident.js';

/**
 * One before/after pair of the shared corpus (see its README.md for the pass definition), reduced to
 * what the runner acts on. The corpus sources describe the same facts with different meta.json
 * fields; this module is the only place that knows those differences.
 */
export interface CorpusCase {
  /** `<source>/<case>`, unique and stable: used in filters and reports. */
  readonly id: string;
  readonly source: string;
  readonly dir: string;
  readonly beforeSql: string;
  readonly afterSql: string;
  /** The state the migrated database must reach when it is not after.sql. */
  readonly finalStateSql: string | null;
  /** CREATE ROLE targets as SQL: already quoted where needed. */
  readonly roleSql: readonly string[];
  /** The source tool refuses this pair: a clear refusal passes, a correct migration passes too. */
  readonly expectsError: boolean;
  /** The source tool's test requires an empty plan (the schemas only differ in ways that don't count). */
  readonly expectsEmptyPlan: boolean;
  /** Extensions created by any side, so engines that load them on demand can provide them up front. */
  readonly extensions: readonly string[];
}

export const DEFAULT_CORPUS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  '..',
  'shared',
  'corpus',
);

interface RawMeta {
  readonly roles_required?: unknown;
  readonly expects_error?: unknown;
  readonly expect_empty_plan?: unknown;
  readonly expected?: unknown;
}

const PRE_QUOTED_ROLE_SOURCES: ReadonlySet<string> = new Set(['pg-schema-diff']);

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Role entries of pg-schema-diff cases are SQL passed to `CREATE ROLE %s` (some are quoted on
 * purpose, e.g. `"evil""role"`); the other sources list plain names.
 */
function roleSql(source: string, roles: readonly string[]): string[] {
  return PRE_QUOTED_ROLE_SOURCES.has(source) ? [...roles] : roles.map(quoteIdent);
}

const EXTENSION_RE = /create\s+extension\s+(?:if\s+not\s+exists\s+)?(?:"([^"]+)"|([a-z0-9_-]+))/gi;

/** Extension names created in SQL text. A regex is enough: the corpus is fixed and reviewed. */
export function extensionsIn(sql: string): string[] {
  const names = new Set<string>();
  for (const m of sql.matchAll(EXTENSION_RE)) names.add((m[1] ?? m[2] ?? '').toLowerCase());
  names.delete('');
  return [...names].sort();
}

async function readOptional(file: string): Promise<string | null> {
  return existsSync(file) ? readFile(file, 'utf8') : null;
}

async function loadCase(corpusDir: string, source: string, name: string): Promise<CorpusCase> {
  const dir = path.join(corpusDir, source, name);
  const meta = JSON.parse(await readFile(path.join(dir, 'meta.json'), 'utf8')) as RawMeta;
  const beforeSql = await readFile(path.join(dir, 'before.sql'), 'utf8');
  const afterSql = await readFile(path.join(dir, 'after.sql'), 'utf8');
  const finalStateSql = await readOptional(path.join(dir, 'expected_final_state.sql'));
  const expected = typeof meta.expected === 'string' ? meta.expected : '';
  return Object.freeze({
    id: `${source}/${name}`,
    source,
    dir,
    beforeSql,
    afterSql,
    finalStateSql,
    roleSql: roleSql(source, stringList(meta.roles_required)),
    expectsError: meta.expects_error === true,
    expectsEmptyPlan: meta.expect_empty_plan === true || expected.startsWith('empty diff'),
    extensions: extensionsIn(`${beforeSql}\n${afterSql}\n${finalStateSql ?? ''}`),
  });
}

async function subdirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/** Every case of the corpus, sorted by id. */
export async function loadCorpus(corpusDir: string = DEFAULT_CORPUS_DIR): Promise<CorpusCase[]> {
  if (!existsSync(path.join(corpusDir, 'README.md'))) {
    throw new Error(`${corpusDir} is not the conformance corpus (no README.md). Pass --corpus <dir>.`);
  }
  const cases: CorpusCase[] = [];
  for (const source of await subdirs(corpusDir)) {
    for (const name of await subdirs(path.join(corpusDir, source))) {
      if (existsSync(path.join(corpusDir, source, name, 'meta.json'))) {
        cases.push(await loadCase(corpusDir, source, name));
      }
    }
  }
  return cases;
}

/** Cases whose id contains any of the substrings (all cases when none are given). */
export function filterCases(cases: readonly CorpusCase[], substrings: readonly string[]): CorpusCase[] {
  if (substrings.length === 0) return [...cases];
  return cases.filter((c) => substrings.some((s) => c.id.includes(s)));
}
