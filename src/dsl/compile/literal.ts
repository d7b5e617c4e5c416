import type { DefaultValue } from '../../model/types.js';
import type { TypeFamily } from '../columns/types.js';

/** Why a default value cannot be stored as a literal, or null when it can. */
export type LiteralResult = { readonly ok: true; readonly value: DefaultValue } | { readonly ok: false; readonly reason: string };

function scalar(value: unknown, family: TypeFamily): string | number | boolean | null {
  if (family === 'json') return value === undefined ? null : JSON.stringify(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  // Non-finite floats have text forms the server accepts ('NaN', 'Infinity').
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  return null;
}

/**
 * Array input syntax (`{1,2,"a b"}`): this is the value's text representation, not SQL quoting;
 * the SQL layer still quotes the whole text as one literal. Strings are always double-quoted
 * element-wise, which array input accepts for every element type.
 */
function arrayText(values: readonly unknown[], family: TypeFamily): string | null {
  const parts: string[] = [];
  for (const element of values) {
    if (element === null) {
      parts.push('NULL');
      continue;
    }
    if (Array.isArray(element)) {
      const nested = arrayText(element, family);
      if (nested === null) return null;
      parts.push(nested);
      continue;
    }
    const text = scalar(element, family);
    if (text === null) return null;
    parts.push(typeof text === 'string' ? `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"` : String(text));
  }
  return `{${parts.join(',')}}`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'object') return value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object';
  return `${typeof value} ${String(value)}`;
}

export function encodeLiteral(value: unknown, family: TypeFamily, isArray: boolean): LiteralResult {
  if (isArray) {
    if (!Array.isArray(value)) return { ok: false, reason: `an array column needs an array default, got ${describe(value)}` };
    const text = arrayText(value, family);
    return text === null ? { ok: false, reason: 'an array element is not a string, number, boolean, Date or null' } : { ok: true, value: { kind: 'literal', value: text } };
  }
  if (value === null || value === undefined) {
    return { ok: false, reason: 'a NULL default is the default already; remove .default(), or write sql`NULL`' };
  }
  const encoded = scalar(value, family);
  if (encoded === null) return { ok: false, reason: `${describe(value)} is not a valid literal for this column` };
  return { ok: true, value: { kind: 'literal', value: encoded } };
}
