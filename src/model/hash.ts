import { createHash } from 'node:crypto';
import { HINT_FIELDS } from './hints.js';
import { KINDS, type Model } from './types.js';

const HINT_KEYS: ReadonlySet<string> = new Set(HINT_FIELDS);

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value instanceof Map) return [...value.entries()].map(([k, v]) => [k, stable(v)]);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      if (HINT_KEYS.has(key)) continue;
      out[key] = stable((value as Record<string, unknown>)[key]);
    }
    return out;
  }
  return value;
}

/** A content hash of a model: equal schemas hash equal whatever their source or hints. */
export function hashModel(model: Model): string {
  const h = createHash('sha256');
  for (const kind of KINDS) h.update(JSON.stringify([kind, stable(model[kind])]));
  return h.digest('hex');
}
