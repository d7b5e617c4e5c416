/**
 * Column types refer to user types as `schema.name`, raw (`My Schema.Mood`) or as the server prints
 * them with an empty search_path (`"My Schema"."Mood"`), plus `[]` for arrays. Both spellings are
 * read here so that enum renames and rebuilds find every column of the type.
 */
export interface TypeRef {
  readonly schema: string;
  readonly name: string;
  /** The array suffix (`[]`, `[][]`), or ''. */
  readonly array: string;
}

function unquote(part: string): string {
  return /^"(?:[^"]|"")+"$/.test(part) ? part.slice(1, -1).replace(/""/g, '"') : part;
}

export function parseTypeRef(type: string): TypeRef | null {
  const array = /(\[\d*\])+$/.exec(type)?.[0] ?? '';
  const base = type.slice(0, type.length - array.length);
  let quoted = false;
  for (let i = 0; i < base.length; i++) {
    const ch = base[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === '(' && !quoted) return null;
    else if (ch === '.' && !quoted) return { schema: unquote(base.slice(0, i)), name: unquote(base.slice(i + 1)), array };
  }
  return null;
}

export function refersTo(type: string, schema: string, name: string): TypeRef | null {
  const ref = parseTypeRef(type);
  return ref !== null && ref.schema === schema && ref.name === name ? ref : null;
}
