import { createHash } from 'node:crypto';
import { migrationDir, type MigrationDir } from './dir.js';
import { errnoCode } from './errors.js';
import type { MigrationFolder } from './folder.js';
import { FILE_NAMES, folderName, MIGRATION_FILES, PLAN_FILE, SUM_FILE } from './layout.js';
import { serializePlan } from './plan-json.js';

/**
 * pgtide.sum: one line per migration file with a cumulative SHA-256, and a first line `h1:<total>`
 * over all the others. The chain makes each line depend on every file before it, so an edit or a
 * reorder shows; the total line changes with every migration, so two branches that each add one
 * conflict in version control instead of merging into a history nobody verified.
 *
 * The functions are synchronous on purpose: the file is small, and callers may or may not await.
 */
export interface SumEntry {
  /** `<folder>/<file>`, with forward slashes. */
  readonly path: string;
  /** sha256(previous entry's hash + sha256(file bytes)), hex; the first entry's previous is ''. */
  readonly hash: string;
}

export interface Sum {
  /** sha256 over the entry lines, hex. */
  readonly total: string;
  readonly entries: readonly SumEntry[];
}

interface ProblemBase {
  /** The file concerned, relative to the migrations directory. */
  readonly file: string;
  /** One sentence for people: what is wrong and what to do. */
  readonly message: string;
}
export type SumProblem =
  | (ProblemBase & { readonly kind: 'absent' })
  | (ProblemBase & { readonly kind: 'stale' })
  | (ProblemBase & { readonly kind: 'malformed'; readonly line: number })
  | (ProblemBase & { readonly kind: 'edited' })
  | (ProblemBase & { readonly kind: 'missing' })
  | (ProblemBase & { readonly kind: 'unlisted' })
  | (ProblemBase & { readonly kind: 'reordered' });
export type SumProblemKind = SumProblem['kind'];

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
const chain = (previous: string, bytes: Uint8Array): string => sha256(previous + sha256(bytes));
const totalOf = (entries: readonly SumEntry[]): string => sha256(entries.map((e) => `${e.path} ${e.hash}\n`).join(''));
const HEX64 = /^[0-9a-f]{64}$/;

/** Each file of each folder with its bytes, in sum order: by version, then expand … down, plan.json. */
function sumFiles(folders: readonly MigrationFolder[]): { path: string; bytes: Uint8Array }[] {
  const sorted = [...folders].sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
  const out: { path: string; bytes: Uint8Array }[] = [];
  for (const folder of sorted) {
    const prefix = folderName(folder);
    for (const kind of MIGRATION_FILES) {
      const text = folder.files[kind];
      if (text !== undefined) out.push({ path: `${prefix}/${FILE_NAMES[kind]}`, bytes: Buffer.from(text, 'utf8') });
    }
    if (folder.plan !== null) {
      const text = folder.planText ?? serializePlan(folder.plan);
      out.push({ path: `${prefix}/${PLAN_FILE}`, bytes: Buffer.from(text, 'utf8') });
    }
  }
  return out;
}

export function computeSum(folders: readonly MigrationFolder[]): Sum {
  const entries: SumEntry[] = [];
  let previous = '';
  for (const file of sumFiles(folders)) {
    previous = chain(previous, file.bytes);
    entries.push({ path: file.path, hash: previous });
  }
  return { total: totalOf(entries), entries };
}

export function formatSum(sum: Sum): string {
  return `h1:${sum.total}\n${sum.entries.map((e) => `${e.path} ${e.hash}\n`).join('')}`;
}

/** Writes `dir/pgtide.sum` (a path, or a MigrationDir) for the folders, replacing the old file in one step. */
export function writeSum(dir: string | MigrationDir, folders: readonly MigrationFolder[]): void {
  migrationDir(dir).replace(SUM_FILE, formatSum(computeSum(folders)));
}

const CONFLICT_MARKER = /^(<{7}|={7}|>{7}|\|{7})( |$)/;

function malformed(line: number, message: string): SumProblem {
  return { kind: 'malformed', file: SUM_FILE, line, message: `${SUM_FILE}:${line}: ${message}` };
}

const CONFLICT = 'has a version-control conflict marker: another branch added migrations too. Take the other branch\'s migrations and pgtide.sum, then generate yours again on top';

/** Parses pgtide.sum; any problem means its content cannot be trusted, so no entries come back. */
export function parseSum(text: string): Sum | SumProblem[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  // A conflicted file is one problem with one remedy; its other oddities would only be noise.
  const conflicts = lines.flatMap((line, i) => (CONFLICT_MARKER.test(line) ? [malformed(i + 1, CONFLICT)] : []));
  if (conflicts.length > 0) return conflicts;
  const problems: SumProblem[] = [];
  const entries: SumEntry[] = [];
  const seen = new Set<string>();
  const head = /^h1:([0-9a-f]{64})$/.exec(lines[0] ?? '');
  if (!head) problems.push(malformed(1, 'the first line must be "h1:<sha256>"'));
  lines.slice(1).forEach((line, i) => {
    const [path, hash, ...rest] = line.split(' ');
    if (!path || !hash || rest.length > 0 || !HEX64.test(hash)) problems.push(malformed(i + 2, 'expected "<folder>/<file> <sha256>"'));
    else if (seen.has(path)) problems.push(malformed(i + 2, `lists ${path} twice`));
    else {
      seen.add(path);
      entries.push({ path, hash });
    }
  });
  return problems.length > 0 || !head ? problems : { total: head[1]!, entries };
}

function readSumText(dir: MigrationDir): string | null {
  try {
    const bytes = dir.read(SUM_FILE);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return null;
    throw err;
  }
}

function orderProblems(recorded: readonly SumEntry[], expected: readonly SumEntry[]): SumProblem[] {
  const recordedPaths = new Set(recorded.map((e) => e.path));
  const expectedPaths = new Set(expected.map((e) => e.path));
  const was = recorded.map((e) => e.path).filter((p) => expectedPaths.has(p));
  const now = expected.map((e) => e.path).filter((p) => recordedPaths.has(p));
  return now
    .filter((path, i) => was[i] !== path)
    .map((file) => ({ kind: 'reordered', file, message: `${file} is listed in ${SUM_FILE} out of version order (was the sum merged by hand?): take ${SUM_FILE} and the migrations of the main branch, then generate yours again on top` }));
}

function fileProblems(recorded: readonly SumEntry[], files: ReadonlyMap<string, Uint8Array>, expected: readonly SumEntry[]): SumProblem[] {
  const problems: SumProblem[] = [];
  recorded.forEach((entry, i) => {
    const bytes = files.get(entry.path);
    if (!bytes) {
      problems.push({ kind: 'missing', file: entry.path, message: `${entry.path} is listed in ${SUM_FILE} but does not exist: restore it from version control` });
    } else if (chain(recorded[i - 1]?.hash ?? '', bytes) !== entry.hash) {
      problems.push({ kind: 'edited', file: entry.path, message: `${entry.path} was edited after it was generated: restore it from version control, or regenerate the migration if nothing was applied yet` });
    }
  });
  const listed = new Set(recorded.map((e) => e.path));
  for (const entry of expected) {
    if (listed.has(entry.path)) continue;
    problems.push({ kind: 'unlisted', file: entry.path, message: `${entry.path} is not listed in ${SUM_FILE}: migrations must be written by "pgtide generate", which updates the sum` });
  }
  return problems;
}

/** Compares `dir/pgtide.sum` (a path, or a MigrationDir) with the folders (as readMigrations returns them). */
export function checkSum(dir: string | MigrationDir, folders: readonly MigrationFolder[]): SumProblem[] {
  const text = readSumText(migrationDir(dir));
  if (text === null) {
    if (folders.length === 0) return [];
    return [{ kind: 'absent', file: SUM_FILE, message: `${SUM_FILE} is missing while ${folders.length} migration(s) exist: restore it from version control, or run "pgtide generate" to write it` }];
  }
  const parsed = parseSum(text);
  if (Array.isArray(parsed)) return parsed;
  const problems: SumProblem[] = [];
  if (totalOf(parsed.entries) !== parsed.total) {
    problems.push({ kind: 'stale', file: SUM_FILE, message: `the h1 total of ${SUM_FILE} does not match its lines: it was edited or merged by hand; take it from version control, or have "pgtide generate" rewrite it` });
  }
  const files = new Map(sumFiles(folders).map((f) => [f.path, f.bytes]));
  const expected = computeSum(folders).entries;
  return [...problems, ...fileProblems(parsed.entries, files, expected), ...orderProblems(parsed.entries, expected)];
}
