import { ExitCode, PgtideError } from '../errors.js';

/**
 * A migration file or folder that pgtide cannot accept as it is. The message names the place
 * (`path` or `path:line`) and says what to do, so the CLI can print it alone (bad input: exit 2).
 */
export class MigrationFormatError extends PgtideError {
  /** The file or folder at fault, as the caller named it. */
  readonly path: string;
  /** 1-based line in that file, when the problem has one. */
  readonly line: number | null;

  constructor(path: string, line: number | null, problem: string, options?: { cause?: unknown }) {
    super(`${line === null ? path : `${path}:${line}`}: ${problem}`, ExitCode.usage, options);
    this.name = 'MigrationFormatError';
    this.path = path;
    this.line = line;
  }
}

/** The `code` of a failed fs call (ENOENT, ENOTDIR, …), or null for anything else. */
export function errnoCode(err: unknown): string | null {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return null;
}
