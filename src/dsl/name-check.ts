import { SchemaError } from './errors.js';
import { captureLocation, type Location } from './location.js';

function problem(name: unknown): string | null {
  if (typeof name !== 'string') return `must be a string, got ${typeof name === 'undefined' ? 'undefined' : JSON.stringify(name) ?? String(name)}`;
  if (name.length === 0) return 'is empty; PostgreSQL names need at least one character';
  if (name.includes('\0')) return `(${JSON.stringify(name)}) contains a NUL character (\\0), which PostgreSQL cannot store in a name`;
  return null;
}

/**
 * Names are checked where they are written: an empty name or a NUL would otherwise travel to the
 * SQL layer, which can only refuse it much later and without knowing which declaration it came from.
 * `subject` says what the name is for ("table name", "label 2 of enum public.mood").
 */
export function requireName(subject: string, name: unknown, at: Location | null = null): string {
  const wrong = problem(name);
  if (wrong === null) return name as string;
  throw new SchemaError(at ?? captureLocation() ?? { file: '<unknown>' }, subject, `The ${subject} ${wrong}. Give it a name of one or more characters without \\0.`);
}

/** For the optional names (`index()`, `primaryKey({ name })`): absent is fine, empty is not. */
export function optionalName(subject: string, name: unknown): string | null {
  return name === undefined || name === null ? null : requireName(subject, name);
}

/** Comments are literals: they may be empty, but PostgreSQL cannot store a NUL in text either. */
export function requireText(subject: string, text: unknown): string {
  if (typeof text === 'string' && !text.includes('\0')) return text;
  const wrong = typeof text === 'string' ? 'contains a NUL character (\\0), which PostgreSQL cannot store in text' : `must be a string, got ${JSON.stringify(text) ?? String(text)}`;
  throw new SchemaError(captureLocation() ?? { file: '<unknown>' }, subject, `The ${subject} ${wrong}. Remove it.`);
}
