import { identifierName, tokenize, type Token } from '../util/sql-lexer.js';

/**
 * The shape of a batched UPDATE whose progress can be measured:
 *
 *   UPDATE <table> SET <assignments> WHERE <key> IN (SELECT <key> FROM <table> WHERE <pending> LIMIT <n>)
 *
 * which is what pgtide generates for backfills and copies (key = ctid), and what a hand-written
 * batch usually looks like. `pending` selects the rows still to do. A run that leaves the rows it
 * touched still pending makes no progress and would repeat on them forever (a backfill expression
 * that is NULL for some rows), so apply measures it, with `RETURNING (<pending>)` on the same run.
 */
export interface BatchShape {
  /** The table as written in the statement. */
  readonly table: string;
  /** The condition of the rows still to do, as written. */
  readonly pending: string;
  /** The columns the statement assigns, as written. */
  readonly columns: readonly string[];
}

class NotShaped extends Error {}

const isBlank = (t: Token): boolean => t.type === 'space' || t.type === 'line-comment' || t.type === 'block-comment';

/** The statement's shape, or null when it is not an UPDATE of the form above. */
export function batchShape(text: string): BatchShape | null {
  let tokens: Token[];
  try {
    tokens = [...tokenize(text, () => {
      throw new NotShaped();
    })].filter((t) => !isBlank(t));
  } catch (err) {
    if (err instanceof NotShaped) return null;
    throw err;
  }
  if (tokens.at(-1)?.type === 'semicolon') tokens.pop();
  const src = (t: Token): string => text.slice(t.start, t.end);
  const word = (t: Token | undefined, w: string): boolean => t !== undefined && t.type === 'word' && src(t).toLowerCase() === w;
  const span = (from: number, to: number): string => (from < to ? text.slice(tokens[from]!.start, tokens[to - 1]!.end) : '');
  const same = (a: number, b: number, n: number): boolean => {
    for (let k = 0; k < n; k++) if (src(tokens[a + k]!) !== src(tokens[b + k]!)) return false;
    return true;
  };

  if (!word(tokens[0], 'update')) return null;
  // A qualified table name: identifier (. identifier)*; ONLY or an alias would change what RETURNING names.
  let i = 1;
  const tableStart = i;
  const first = tokens[i];
  if (first === undefined || identifierName(text, first) === null || word(first, 'only')) return null;
  i++;
  while (tokens[i] !== undefined && src(tokens[i]!) === '.' && tokens[i + 1] !== undefined && identifierName(text, tokens[i + 1]!) !== null) i += 2;
  const tableEnd = i;
  if (!word(tokens[i], 'set')) return null;
  const setStart = ++i;

  // The SET list runs to the first WHERE outside parentheses; a FROM or RETURNING there is another shape.
  let depth = 0;
  const columns: string[] = [];
  let expectColumn = true;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'open') depth++;
    else if (t.type === 'close') depth--;
    if (depth < 0) return null;
    if (depth > 0) continue;
    if (word(t, 'where')) break;
    if (word(t, 'from') || word(t, 'returning')) return null;
    if (expectColumn) {
      if (identifierName(text, t) === null) return null;
      columns.push(src(t));
      expectColumn = false;
    } else if (src(t) === ',') {
      expectColumn = true;
    }
  }
  if (i === setStart || i >= tokens.length || columns.length === 0) return null;

  // WHERE <key> IN ( SELECT <key> FROM <table> WHERE <pending> LIMIT <n> ) and nothing after.
  const key = tokens[++i];
  if (key === undefined || identifierName(text, key) === null) return null;
  if (!word(tokens[++i], 'in') || tokens[++i]?.type !== 'open' || !word(tokens[++i], 'select')) return null;
  if (tokens[++i] === undefined || src(tokens[i]!) !== src(key) || !word(tokens[++i], 'from')) return null;
  const fromTable = ++i;
  const tableLength = tableEnd - tableStart;
  if (fromTable + tableLength > tokens.length || !same(tableStart, fromTable, tableLength)) return null;
  i = fromTable + tableLength;
  if (!word(tokens[i], 'where')) return null;
  const pendingStart = ++i;
  const last = tokens.length - 1;
  if (tokens[last]?.type !== 'close' || tokens[last - 1]?.type !== 'number' || !word(tokens[last - 2], 'limit')) return null;
  const pendingEnd = last - 2;
  if (pendingEnd <= pendingStart) return null;
  depth = 0;
  for (let k = pendingStart; k < pendingEnd; k++) {
    const t = tokens[k]!;
    if (t.type === 'open') depth++;
    else if (t.type === 'close') depth--;
    if (depth < 0) return null;
    // A subquery in the condition would be evaluated in RETURNING against the statement's snapshot,
    // which does not see the run's own changes: its answer there would not mean "still pending".
    if (word(t, 'select')) return null;
    // At depth 0, these would belong to the subquery, not to the condition.
    if (depth === 0 && (word(t, 'limit') || word(t, 'order') || word(t, 'group') || word(t, 'offset') || word(t, 'for'))) return null;
  }
  if (depth !== 0) return null;
  return { table: span(tableStart, tableEnd), pending: span(pendingStart, pendingEnd), columns };
}

/**
 * The statement run so that it reports, besides the rows it touched, how many of them still match
 * the pending condition afterwards: one row (touched, still). The UPDATE itself is unchanged.
 */
export function measuredBatchSql(text: string, shape: BatchShape): string {
  return `WITH pgtide_batch AS (${text}\nRETURNING (${shape.pending}) AS pgtide_pending)\nSELECT count(*) AS touched, count(*) FILTER (WHERE pgtide_pending) AS still FROM pgtide_batch`;
}

/** How many rows of the table are still pending. */
export function pendingCountSql(shape: BatchShape): string {
  return `SELECT count(*) AS n FROM ${shape.table} WHERE ${shape.pending}`;
}

/** One row when any row of the table is still pending, none otherwise. */
export function anyPendingSql(shape: BatchShape): string {
  return `SELECT 1 FROM ${shape.table} WHERE ${shape.pending} LIMIT 1`;
}
