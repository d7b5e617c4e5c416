import { quoteIdent } from './ident.js';

/**
 * Type, collation and operator class names as the model holds them, turned into SQL.
 *
 * Types: the model holds built-in types as format_type prints them (`character varying(20)`,
 * `timestamp with time zone`, `integer[]`): those contain no dot and are emitted as they are. User
 * types are held raw as `schema.name` (plus `[]` for arrays): the text is split at its first dot that
 * is outside double quotes and parentheses, and each part is quoted with quoteIdent, so
 * `My Schema.Mood[]` becomes `"My Schema"."Mood"[]`. A part that already is a double-quoted
 * identifier is kept as it is. A schema name that itself contains a dot cannot be told apart and is
 * not supported.
 */
const ARRAY_SUFFIX = /(\[\d*\])+$/;

function splitAtDot(text: string): [string, string] | null {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    else if (!quoted && depth === 0 && ch === '.') return [text.slice(0, i), text.slice(i + 1)];
  }
  return null;
}

function part(name: string): string {
  return /^"(?:[^"]|"")+"$/.test(name) ? name : quoteIdent(name);
}

export function renderType(type: string): string {
  const suffix = ARRAY_SUFFIX.exec(type)?.[0] ?? '';
  const base = type.slice(0, type.length - suffix.length);
  const parts = splitAtDot(base);
  if (parts === null) return type;
  return `${part(parts[0])}.${part(parts[1])}${suffix}`;
}

/**
 * Collations: bare for pg_catalog (`C`, `POSIX`, `en_US.utf8`), `schema.name` otherwise. libc
 * locale names contain a dot themselves, so a name shaped like one (`xx_YY.encoding`) or without a
 * dot is one identifier; anything else with a dot is split like a type.
 */
const LOCALE_NAME = /^[a-z]{2,3}(_[A-Z]{2})?\.[A-Za-z0-9_-]+(@[A-Za-z0-9]+)?$/;

export function renderCollation(collation: string): string {
  if (/^"(?:[^"]|"")+"$/.test(collation) || LOCALE_NAME.test(collation)) return part(collation);
  const parts = splitAtDot(collation);
  return parts === null ? part(collation) : `${part(parts[0])}.${part(parts[1])}`;
}

/** Operator classes: bare when in pg_catalog, `schema.name` otherwise (names have no dots). */
export function renderOpclass(opclass: string): string {
  const parts = splitAtDot(opclass);
  return parts === null ? part(opclass) : `${part(parts[0])}.${part(parts[1])}`;
}

/** Functions named without arguments (a range's subtype_diff, canonical): like operator classes. */
export const renderRoutineName = renderOpclass;
