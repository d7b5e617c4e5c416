import { SchemaError } from '../errors.js';
import { captureLocation } from '../location.js';

/**
 * Type modifiers are checked where they are written: a bad length is a mistake in that very call,
 * and the server's own message for it would arrive much later, far from the declaration.
 */
export function requireInteger(type: string, what: string, value: number, min: number, max: number): void {
  if (Number.isInteger(value) && value >= min && value <= max) return;
  const where = captureLocation() ?? { file: '<unknown>' };
  throw new SchemaError(where, type, `The ${what} of ${type} must be an integer from ${min} to ${max}, got ${value}.`);
}
