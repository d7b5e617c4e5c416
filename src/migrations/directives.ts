/**
 * Statement directives: `-- pgtide:…` line comments directly above a statement. An unknown or
 * malformed directive is an error rather than a comment, because a silently ignored
 * `no-transaction` turns CREATE INDEX CONCURRENTLY into a failed migration at apply time.
 */

export interface StatementDirectives {
  /** Run outside any transaction (CREATE INDEX CONCURRENTLY, ALTER TYPE … ADD VALUE). */
  readonly noTransaction: boolean;
  /** Run repeatedly, one transaction per run, until it affects no row. */
  readonly batch: BatchDirective | null;
  /** This statement's own session limits, overriding the project's for it alone. */
  readonly limits: StatementLimits | null;
}

export interface BatchDirective {
  readonly size: number;
  /** The table it works through, as quoted SQL (`public."Orders"`), so apply can estimate its rows for progress. */
  readonly table: string | null;
}

/** Milliseconds; 0 = no limit; absent = the project's setting. */
export interface StatementLimits {
  readonly lockMs?: number;
  readonly statementMs?: number;
}

export type Directive =
  | { readonly kind: 'no-transaction' }
  | { readonly kind: 'batch'; readonly batch: BatchDirective }
  | { readonly kind: 'timeout'; readonly limits: StatementLimits };
export type DirectiveKind = Directive['kind'];

export type ParsedComment =
  | { readonly type: 'none' }
  | { readonly type: 'directive'; readonly directive: Directive }
  | { readonly type: 'error'; readonly problem: string };

export const NO_DIRECTIVES: StatementDirectives = Object.freeze({ noTransaction: false, batch: null, limits: null });

const PREFIX = 'pgtide:';
const USAGE = 'known directives are "-- pgtide:no-transaction", "-- pgtide:batch size=N [table=schema.name]" and "-- pgtide:timeout lock=5s statement=2h"';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000 };

/** A duration as the timeout directive writes it: 0, or a whole number with ms, s, min or h. */
function parseDuration(text: string): number | null {
  if (text === '0') return 0;
  const m = /^([1-9][0-9]{0,9})(ms|s|min|h)$/.exec(text);
  if (!m) return null;
  const ms = Number(m[1]) * UNIT_MS[m[2]!]!;
  // PostgreSQL's timeouts are int4 milliseconds.
  return ms <= 2_147_483_647 ? ms : null;
}

/** The shortest exact spelling of a duration, for rendering the timeout directive. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0';
  for (const unit of ['h', 'min', 's'] as const) {
    if (ms % UNIT_MS[unit]! === 0) return `${ms / UNIT_MS[unit]!}${unit}`;
  }
  return `${ms}ms`;
}

type ArgParser = (args: ReadonlyMap<string, string>) => Directive | string;

const PARSERS: Record<DirectiveKind, ArgParser> = {
  'no-transaction': (args) => (args.size === 0 ? { kind: 'no-transaction' } : '"no-transaction" takes no arguments'),
  batch: (args) => {
    const extra = [...args.keys()].filter((k) => k !== 'size' && k !== 'table');
    if (extra.length > 0) return `"batch" does not know the argument "${extra[0]}"; it takes size=N and table=schema.name`;
    const size = args.get('size');
    if (size === undefined) return '"batch" needs a size, e.g. "-- pgtide:batch size=1000"';
    if (!/^[1-9][0-9]{0,8}$/.test(size)) return `"batch" size must be a positive whole number, not "${size}"`;
    const table = args.get('table') ?? null;
    if (table === '') return '"batch" table must name a table, e.g. table=public.orders';
    return { kind: 'batch', batch: { size: Number(size), table } };
  },
  timeout: (args) => {
    const extra = [...args.keys()].filter((k) => k !== 'lock' && k !== 'statement');
    if (extra.length > 0) return `"timeout" does not know the argument "${extra[0]}"; it takes lock=… and statement=…`;
    if (args.size === 0) return '"timeout" needs lock=… or statement=…, e.g. "-- pgtide:timeout statement=2h"';
    const limits: { lockMs?: number; statementMs?: number } = {};
    for (const [key, text] of args) {
      const ms = parseDuration(text);
      if (ms === null) return `"timeout" ${key} must be 0 (no limit) or a whole number with ms, s, min or h (at most 24 days), not "${text}"`;
      if (key === 'lock') limits.lockMs = ms;
      else limits.statementMs = ms;
    }
    return { kind: 'timeout', limits };
  },
};

function isDirectiveKind(name: string): name is DirectiveKind {
  return Object.hasOwn(PARSERS, name);
}

/**
 * Splits a directive into words at whitespace outside double quotes, so that a quoted identifier
 * such as `table=public."order lines"` stays one word (`""` inside quotes is a quote, as in SQL).
 */
function splitWords(body: string): string[] | string {
  const words: string[] = [];
  let word = '';
  let quoted = false;
  for (const ch of body) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && /\s/.test(ch)) {
      if (word !== '') words.push(word);
      word = '';
    } else {
      word += ch;
    }
  }
  if (quoted) return 'a double quote is not closed';
  if (word !== '') words.push(word);
  return words;
}

function parseArgs(words: readonly string[]): Map<string, string> | string {
  const args = new Map<string, string>();
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq <= 0) return `expected key=value, not "${word}"`;
    const key = word.slice(0, eq);
    if (args.has(key)) return `the argument "${key}" is given twice`;
    args.set(key, word.slice(eq + 1));
  }
  return args;
}

/** Reads one comment's text (including its `--` or slash-star markers). */
export function parseComment(text: string, style: 'line' | 'block'): ParsedComment {
  const body = style === 'line' ? text.slice(2).trim() : text.slice(2, -2).trim();
  if (!body.startsWith(PREFIX)) return { type: 'none' };
  if (style === 'block') return { type: 'error', problem: `directives must be line comments ("-- ${body}"), not /* … */` };
  const words = splitWords(body.slice(PREFIX.length));
  if (typeof words === 'string') return { type: 'error', problem: `bad directive "${body}": ${words}` };
  const name = words[0] ?? '';
  if (!isDirectiveKind(name)) return { type: 'error', problem: `unknown directive "pgtide:${name}"; ${USAGE}` };
  const args = parseArgs(words.slice(1));
  const parsed = typeof args === 'string' ? args : PARSERS[name](args);
  return typeof parsed === 'string'
    ? { type: 'error', problem: `bad directive "${body}": ${parsed}` }
    : { type: 'directive', directive: parsed };
}

/** Adds a directive to those collected for the next statement; a string is the problem. */
export function addDirective(to: StatementDirectives, d: Directive): StatementDirectives | string {
  switch (d.kind) {
    case 'no-transaction':
      return to.noTransaction ? '"no-transaction" is given twice for the same statement' : { ...to, noTransaction: true };
    case 'batch':
      return to.batch ? '"batch" is given twice for the same statement' : { ...to, batch: d.batch };
    case 'timeout':
      return to.limits ? '"timeout" is given twice for the same statement' : { ...to, limits: d.limits };
    default: {
      const never: never = d;
      throw new Error(`unhandled directive ${JSON.stringify(never)}`);
    }
  }
}
