/**
 * Errors a user can cause carry an exit code from the CLI contract and a message written as one
 * paragraph: what failed, where, and what to do. The CLI prints the message alone (no stack unless
 * --debug); anything that is not a PgtideError is a bug or an unexpected runtime failure (exit 3).
 */
export const ExitCode = Object.freeze({
  ok: 0,
  differences: 1,
  usage: 2,
  runtime: 3,
  hazard: 4,
});
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

const BRAND: unique symbol = Symbol.for('pgtide.error');

export class PgtideError extends Error {
  readonly exitCode: ExitCodeValue;
  readonly [BRAND] = true;
  constructor(message: string, exitCode: ExitCodeValue, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PgtideError';
    this.exitCode = exitCode;
  }
}

/**
 * A brand check rather than instanceof: users' schema modules load pgtide through their own import
 * of the package, which can be a second copy of this module with a second PgtideError class.
 */
export function isPgtideError(err: unknown): err is PgtideError {
  return typeof err === 'object' && err !== null && BRAND in err;
}

/** Bad usage, config, schema file or migration file: exit 2. */
export function usageError(message: string, cause?: unknown): PgtideError {
  return new PgtideError(message, ExitCode.usage, { cause });
}

/** Database or runtime failure: exit 3. */
export function runtimeError(message: string, cause?: unknown): PgtideError {
  return new PgtideError(message, ExitCode.runtime, { cause });
}
