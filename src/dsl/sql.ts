/**
 * Raw SQL expressions for defaults, checks, generated columns and index keys.
 *
 * The DSL never quotes anything (quoting belongs to src/sql/ident.ts, after normalization), so the
 * tag accepts only other fragments: a string or number spliced into SQL text would need quoting to
 * be safe, and silently pasting it would be an injection-shaped footgun.
 */

const FRAGMENT: unique symbol = Symbol.for('pgtide.sql');

export interface SqlFragment {
  readonly text: string;
  readonly [FRAGMENT]: true;
}

function fragment(text: string): SqlFragment {
  return Object.freeze({ text, [FRAGMENT]: true as const });
}

export function isSqlFragment(value: unknown): value is SqlFragment {
  return typeof value === 'object' && value !== null && (value as Partial<SqlFragment>)[FRAGMENT] === true;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value} (${String(value)})`;
}

/** `sql\`now()\`` — an opaque SQL expression; interpolations must themselves be `sql` fragments. */
export function sql(strings: TemplateStringsArray, ...values: readonly SqlFragment[]): SqlFragment {
  let text = strings[0] ?? '';
  values.forEach((value: unknown, i) => {
    if (!isSqlFragment(value)) {
      throw new TypeError(
        `sql\`…\` can only interpolate other sql\`…\` fragments, got ${describe(value)}; ` +
          'write constants into the SQL text itself (pgtide cannot quote values here).',
      );
    }
    text += value.text + (strings[i + 1] ?? '');
  });
  return fragment(text.trim());
}
