/**
 * Why a database source did not parse. The problem text is written by the parsers from fixed words
 * and character positions only, never from the source itself: a source that does not parse may
 * hold a password anywhere (an unescaped '/' moves it into the "path", a missing ':' into the host).
 */
export class SourceSyntaxError extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = 'SourceSyntaxError';
  }
}

export function fail(problem: string): never {
  throw new SourceSyntaxError(problem);
}

/** A connection to a PostgreSQL server, as parsed from a URL or a libpq keyword/value string. */
export interface PgConnectionParts {
  readonly form: 'url' | 'keywords';
  readonly user: string | null;
  readonly password: string | null;
  /** '' when the driver's default (localhost) applies; a path for a Unix-socket folder. */
  readonly host: string;
  readonly port: number | null;
  readonly database: string | null;
  /** Connection parameters in the order given (sslmode, application_name, …). */
  readonly params: ReadonlyArray<readonly [string, string]>;
}

/** 1-based position of index `i`, as users count characters in what they typed. */
export function at(i: number): string {
  return `character ${i + 1}`;
}

const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f]/;

/** The first space or control character from `from` on, as an index, or -1. */
export function firstUnescapedSpace(s: string, from = 0): number {
  for (let i = from; i < s.length; i++) if (CONTROL_OR_SPACE.test(s[i]!)) return i;
  return -1;
}

export function spaceName(c: string): string {
  if (c === ' ') return 'space';
  if (c === '\t') return 'tab';
  if (c === '\n' || c === '\r') return 'line break';
  return 'control character';
}
