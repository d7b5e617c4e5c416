import type { Queryable } from '../../../src/db/queryable.js';
import { PgtideError } from '../../../src/errors.js';
import type { CorpusCase } from './cases.js';
import { kindsIn, mergeKinds, notCovered, type CaseKind } from './classify.js';
import { compareDumps, describeDumpDifference } from './dump.js';
import { errorMessage, type CaseDatabase, type CaseSession, type ConformanceEngine, type EngineName } from './engine.js';

/**
 * pass: migrated and verified · refused: pgtide refused a case the source tool refuses too ·
 * fail: anything else pgtide got wrong · not-runnable: a side of the case does not load on this
 * engine, so pgtide was never asked (reported, not counted as pass or fail).
 */
export type Outcome = 'pass' | 'refused' | 'fail' | 'not-runnable';

export interface CaseResult {
  readonly caseId: string;
  readonly engine: EngineName;
  readonly outcome: Outcome;
  /** One line; null for a plain pass. */
  readonly reason: string | null;
  readonly kinds: readonly CaseKind[];
  readonly notCovered: readonly CaseKind[];
  readonly changeCount: number | null;
  readonly ms: number;
}

/** The shape of src/api/diff-databases.ts, injectable so the runner can be exercised in isolation. */
export type DiffFn = (
  from: Queryable,
  to: Queryable,
  opts: { allowHazards: boolean; diff: { columnOrder: 'exact' } },
) => Promise<{ readonly script: string; readonly changeCount: number; readonly blocked: readonly string[] }>;

/**
 * A pass compares pg_dump output, which lists a table's columns in order, so cases are diffed with
 * columnOrder 'exact'. pgtide's default ('append') puts new columns last and does not compare order.
 */
const DIFF_OPTIONS = { allowHazards: true, diff: { columnOrder: 'exact' } } as const;

interface Verdict {
  readonly outcome: Outcome;
  readonly reason: string | null;
  readonly changeCount: number | null;
}

interface LoadedCase {
  readonly a: CaseDatabase;
  readonly b: CaseDatabase;
  /** Built from expected_final_state.sql when the case has one. */
  readonly final: CaseDatabase | null;
}

function clip(text: string, max = 160): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The first line of a script that is not a comment: what a reader needs to recognise it. */
function firstStatement(script: string): string {
  const line = script.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('--'));
  return clip(line ?? script, 100);
}

/** A PgtideError is pgtide saying "no" on purpose; any other exception is a crash, never a refusal. */
function isClearRefusal(err: unknown): boolean {
  return err instanceof PgtideError;
}

type SideLoad = { readonly ok: true; readonly db: CaseDatabase } | { readonly ok: false; readonly error: string };

async function loadSide(session: CaseSession, label: string, sql: string, file: string): Promise<SideLoad> {
  const db = await session.database(label);
  try {
    await db.runScript(sql);
    return { ok: true, db };
  } catch (err) {
    return { ok: false, error: `${file} does not load: ${clip(errorMessage(err))}` };
  }
}

async function loadCase(c: CorpusCase, session: CaseSession): Promise<{ loaded: LoadedCase | null; loadedDbs: CaseDatabase[]; error: string | null }> {
  const sides: SideLoad[] = [
    await loadSide(session, 'a', c.beforeSql, 'before.sql'),
    await loadSide(session, 'b', c.afterSql, 'after.sql'),
  ];
  if (c.finalStateSql !== null) sides.push(await loadSide(session, 'f', c.finalStateSql, 'expected_final_state.sql'));
  const loadedDbs = sides.flatMap((s) => (s.ok ? [s.db] : []));
  const failed = sides.find((s): s is Extract<SideLoad, { ok: false }> => !s.ok);
  if (failed) return { loaded: null, loadedDbs, error: failed.error };
  const [a, b, f] = loadedDbs as [CaseDatabase, CaseDatabase, CaseDatabase | undefined];
  return { loaded: { a, b, final: f ?? null }, loadedDbs, error: null };
}

async function planFirst(c: CorpusCase, dbs: LoadedCase, diff: DiffFn): Promise<Verdict | { script: string; changeCount: number }> {
  let first: Awaited<ReturnType<DiffFn>>;
  try {
    first = await diff(dbs.a.db, dbs.b.db, DIFF_OPTIONS);
  } catch (err) {
    if (c.expectsError && isClearRefusal(err)) return { outcome: 'refused', reason: `refused: ${clip(errorMessage(err))}`, changeCount: null };
    return { outcome: 'fail', reason: `diff threw: ${clip(errorMessage(err))}`, changeCount: null };
  }
  if (first.blocked.length > 0) {
    const what = `${first.blocked.length} step(s) blocked with allowHazards, first: ${firstStatement(first.blocked[0]!)}`;
    return c.expectsError
      ? { outcome: 'refused', reason: what, changeCount: first.changeCount }
      : { outcome: 'fail', reason: what, changeCount: first.changeCount };
  }
  if (c.expectsEmptyPlan && first.changeCount > 0) {
    const reason = `expected no changes, got ${first.changeCount}: ${firstStatement(first.script)}`;
    return { outcome: 'fail', reason, changeCount: first.changeCount };
  }
  return first;
}

/** Diff, apply, compare dumps, diff again: the corpus README's pass definition. */
async function migrateAndCheck(c: CorpusCase, dbs: LoadedCase, diff: DiffFn): Promise<Verdict> {
  const first = await planFirst(c, dbs, diff);
  if ('outcome' in first) return first;
  const changeCount = first.changeCount;
  const fail = (reason: string): Verdict => ({ outcome: 'fail', reason, changeCount });
  try {
    await dbs.a.runScript(first.script);
  } catch (err) {
    return fail(`migration does not apply: ${clip(errorMessage(err))}`);
  }
  const target = dbs.final ?? dbs.b;
  const cmp = compareDumps(await dbs.a.dump(), await target.dump());
  if (!cmp.equal) return fail(`${describeDumpDifference(cmp)}${dbs.final ? ' (target: expected_final_state.sql)' : ''}`);
  let again: Awaited<ReturnType<DiffFn>>;
  try {
    again = await diff(dbs.a.db, dbs.b.db, DIFF_OPTIONS);
  } catch (err) {
    return fail(`second diff threw: ${clip(errorMessage(err))}`);
  }
  if (again.changeCount > 0) return fail(`second diff not empty (${again.changeCount} change(s)): ${firstStatement(again.script)}`);
  return { outcome: 'pass', reason: null, changeCount };
}

async function classify(dbs: readonly CaseDatabase[]): Promise<CaseKind[]> {
  return mergeKinds(await Promise.all(dbs.map((d) => kindsIn(d.db))));
}

/** Runs one case on one engine; never throws (a runner failure becomes the case's reason). */
export async function runCase(c: CorpusCase, engine: ConformanceEngine, diff: DiffFn): Promise<CaseResult> {
  const started = performance.now();
  let kinds: CaseKind[] = [];
  let verdict: Verdict;
  let session: CaseSession | null = null;
  try {
    session = await engine.openCase(c);
    const { loaded, loadedDbs, error } = await loadCase(c, session);
    kinds = await classify(loadedDbs);
    verdict = loaded
      ? await migrateAndCheck(c, loaded, diff)
      : { outcome: 'not-runnable', reason: error, changeCount: null };
  } catch (err) {
    verdict = { outcome: 'fail', reason: `runner error: ${clip(errorMessage(err))}`, changeCount: null };
  } finally {
    await session?.close().catch((err: unknown) => {
      // Not the case's result, but leaked databases or roles must not go unnoticed.
      console.warn(`[conformance] cleanup after ${c.id} on ${engine.name} failed: ${errorMessage(err)}`);
    });
  }
  return Object.freeze({
    caseId: c.id,
    engine: engine.name,
    ...verdict,
    kinds,
    notCovered: notCovered(kinds),
    ms: Math.round(performance.now() - started),
  });
}
