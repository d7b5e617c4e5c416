/**
 * Statement directives: `-- pgtide:…` line comments directly above a statement. An unknown or
 * malformed directive is an error rather than a comment, because a silently ignored
 * `no-transaction` turns CREATE INDEX CONCURRENTLY into a failed migration at apply time.
 */

export interface StatementDirectives {
  /** Run outside any transaction (CREATE INDEX CONCURRENTLY, ALTER TYPE … ADD VALUE). */
  readonly noTransaction: boolean;
  /** Run repeatedly, one transaction per run, until it affects no row. */
  readonly batch: { readonly size: number } | null;
}

export type Directive = { readonly kind: 'no-transaction' } | { readonly kind: 'batch'; readonly size: number };
export type DirectiveKind = Directive['kind'];

export type ParsedComment =
  | { readonly type: 'none' }
  | { readonly type: 'directive'; readonly directive: Directive }
  | { readonly type: 'error'; readonly problem: string };

export const NO_DIRECTIVES: StatementDirectives = Object.freeze({ noTransaction: false, batch: null });

const PREFIX = 'pgtide:';
const USAGE = 'known directives are "-- pgtide:no-transaction" and "-- pgtide:batch size=N"';

type ArgParser = (args: ReadonlyMap<string, string>) => Directive | string;

const PARSERS: Record<DirectiveKind, ArgParser> = {
  'no-transaction': (args) => (args.size === 0 ? { kind: 'no-transaction' } : '"no-transaction" takes no arguments'),
  batch: (args) => {
    const extra = [...args.keys()].filter((k) => k !== 'size');
    if (extra.length > 0) return `"batch" does not know the argument "${extra[0]}"; it takes size=N`;
    const size = args.get('size');
    if (size === undefined) return '"batch" needs a size, e.g. "-- pgtide:batch size=1000"';
    if (!/^[1-9][0-9]{0,8}$/.test(size)) return `"batch" size must be a positive whole number, not "${size}"`;
    return { kind: 'batch', size: Number(size) };
  },
};

function isDirectiveKind(name: string): name is DirectiveKind {
  return Object.hasOwn(PARSERS, name);
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
  const words = body.slice(PREFIX.length).trim().split(/\s+/).filter((w) => w !== '');
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
      return to.batch ? '"batch" is given twice for the same statement' : { ...to, batch: { size: d.size } };
    default: {
      const never: never = d;
      throw new Error(`unhandled directive ${JSON.stringify(never)}`);
    }
  }
}
