import { compile } from '../../src/dsl/index.js';
import type { Model } from '../../src/model/types.js';

/** Compiles DSL objects as if one module `schema/test.ts` exported them. */
export function compileObjects(exports: Record<string, unknown>): Model {
  return compile([{ file: 'schema/test.ts', exports }]).model;
}

/** Runs fn and returns the error it throws, failing the test when it does not throw. */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    if (err instanceof Error) return err;
    throw new Error(`threw a non-Error: ${String(err)}`);
  }
  throw new Error('expected an error, none was thrown');
}
