import { HINT_FIELDS } from '../model/hints.js';
import type { ComparedField } from './change.js';

/**
 * How a differing field is applied: in place ('alter'), by dropping and re-creating the object
 * ('recreate'), or by a nested differ of its own ('nested', e.g. a table's columns).
 * A function decides per pair when the answer depends on the values (a generated column can lose
 * its expression in place but cannot gain one).
 */
export type FieldRule = 'alter' | 'recreate' | 'nested';
export type FieldRuleFor<T> = FieldRule | ((from: T, to: T) => Exclude<FieldRule, 'nested'>);

/** The completeness guard: one rule per compared field, so a new model field without a rule does not compile. */
export type FieldRules<T> = { readonly [F in ComparedField<T>]: FieldRuleFor<T> };

/** Custom equality for fields whose "same" is not structural equality (partial options, defaults). */
export type FieldEquals<T> = { readonly [F in ComparedField<T>]?: (from: T[F], to: T[F]) => boolean };

// Keys that identify an object or only carry hints; they never take part in comparison.
const IDENTITY_KEYS: ReadonlySet<string> = new Set(['kind', 'schema', 'name', 'table', ...HINT_FIELDS]);

/**
 * Refuses objects that carry keys the rules do not know: an object from a newer model (or a typo in
 * a hand-built one) must fail loudly instead of having a field silently ignored.
 */
export function assertKnownKeys<T extends object>(what: string, obj: T, rules: FieldRules<T>): void {
  for (const key of Object.keys(obj)) {
    if (IDENTITY_KEYS.has(key) || Object.prototype.hasOwnProperty.call(rules, key)) continue;
    throw new Error(`diff: ${what} has a field "${key}" that the differ has no rule for`);
  }
}

/** Structural equality over the plain data the model holds (primitives, arrays, plain objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  // An absent key and one holding undefined are the same; every key of either side is compared.
  for (const k in ra) if (!sameValue(ra[k], rb[k])) return false;
  for (const k in rb) if (!(k in ra) && rb[k] !== undefined) return false;
  return true;
}

export interface FieldComparison<T> {
  /** Changed fields, in the rules' declaration order (deterministic). */
  readonly changed: readonly ComparedField<T>[];
  /** True when any changed field needs the object to be dropped and created again. */
  readonly recreate: boolean;
}

export function compareFields<T extends object>(
  what: string,
  from: T,
  to: T,
  rules: FieldRules<T>,
  equals: FieldEquals<T> = {},
): FieldComparison<T> {
  assertKnownKeys(what, from, rules);
  assertKnownKeys(what, to, rules);
  const changed: ComparedField<T>[] = [];
  let recreate = false;
  // The rules object is the kind's field list: its keys, in declaration order, are what is compared.
  for (const field of Object.keys(rules) as ComparedField<T>[]) {
    const rule = rules[field];
    if (rule === 'nested') continue;
    const eq = equals[field];
    const same = eq ? eq(from[field], to[field]) : sameValue(from[field], to[field]);
    if (same) continue;
    changed.push(field);
    const decided = typeof rule === 'function' ? rule(from, to) : rule;
    if (decided === 'recreate') recreate = true;
  }
  return { changed, recreate };
}

/**
 * Partial options ("missing on the desired side means the server default"): equal when every option
 * the desired side states matches the current side.
 */
export function samePartial<T extends object>(from: Partial<T>, to: Partial<T>): boolean {
  for (const key of Object.keys(to) as (keyof T)[]) {
    const want = to[key];
    if (want === undefined || want === null) continue;
    if (!sameValue(from[key], want)) return false;
  }
  return true;
}
