import { ExitCode, PgtideError } from '../errors.js';
import type { Location } from './location.js';

/**
 * A mistake in the user's schema declaration. `file` (and `line` when the declaration site is
 * known) point at the declaring module; `object` names the offending object (`public.users.email`).
 */
export class SchemaError extends PgtideError {
  readonly file: string;
  readonly line: number | undefined;
  readonly object: string;

  constructor(where: { file: string; line?: number | undefined }, object: string, message: string) {
    const at = where.line === undefined ? where.file : `${where.file}:${where.line}`;
    super(`${at}: ${message}`, ExitCode.usage);
    this.name = 'SchemaError';
    this.file = where.file;
    this.line = where.line;
    this.object = object;
  }
}

/** Resolves where to report: the declaration site when captured, else the module that exported it. */
export function whereOf(location: Location | null, fallbackFile: string): { file: string; line?: number } {
  return location ?? { file: fallbackFile };
}
