import type { Column } from './types.js';

/**
 * Fields that steer the planner but are not part of the schema: only the desired side carries them,
 * and they never take part in a comparison, the model hash, or the definition a statement is rendered
 * from. This is the one list; the diff's compared fields and key guard, the hash and the planner's
 * column definition derive from it. A hint added to the model but not listed here counts as a
 * compared field, so the differ's field rules fail to compile until it is listed (or given a rule).
 */
export const HINT_FIELDS = Object.freeze(['renamedFrom', 'backfill', 'strategy', 'using'] as const);

/** Every listed hint is a field of the model (columns carry them all): a misspelt entry fails to compile. */
type ModelField<F extends keyof Column> = F;
export type HintField = ModelField<(typeof HINT_FIELDS)[number]>;

/** A copy of an object without its hints. */
export function withoutHints<T extends object>(obj: T): Omit<T, HintField> {
  const out: Record<string, unknown> = { ...(obj as Record<string, unknown>) };
  for (const field of HINT_FIELDS) delete out[field];
  return out as Omit<T, HintField>;
}

/** The hints an object carries that are set (an empty text counts as unset), to copy onto another. */
export function hintsOf<T extends object>(obj: T): Partial<Pick<T, HintField & keyof T>> {
  const out: Record<string, unknown> = {};
  for (const field of HINT_FIELDS) {
    const value = (obj as Record<string, unknown>)[field];
    if (value) out[field] = value;
  }
  return out as Partial<Pick<T, HintField & keyof T>>;
}
