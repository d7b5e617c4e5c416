import { expect } from 'vitest';
import { isPgtideError, type PgtideError } from '../../src/errors.js';

/** Awaits something that must fail with an error a user can act on, and returns that error. */
export async function userError(work: Promise<unknown> | (() => unknown)): Promise<PgtideError> {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (err) {
    if (isPgtideError(err)) return err;
    throw new Error(`expected a PgtideError, got: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
  throw new Error('expected a PgtideError, but the work succeeded');
}

/**
 * The contract for every user mistake: the documented exit code, one paragraph (no blank line, no
 * stack frame), and every fragment that says where the mistake is.
 */
export function expectReport(err: PgtideError, exitCode: number, ...where: readonly (string | RegExp)[]): void {
  expect(err.exitCode, err.message).toBe(exitCode);
  expect(err.message, 'no stack frames in the message').not.toMatch(/\n\s+at /);
  expect(err.message.trim().split(/\n\s*\n/), `one paragraph:\n${err.message}`).toHaveLength(1);
  for (const w of where) {
    if (typeof w === 'string') expect(err.message, err.message).toContain(w);
    else expect(err.message, err.message).toMatch(w);
  }
}
