import type { Collation } from '../model/types.js';
import { type IntrospectContext, userSchema } from './context.js';

// The ICU locale moved from colliculocale (15, 16) to colllocale (17+), which builtin uses too.
function collationsSql(version: number): string {
  const locale = version >= 170000 ? 'l.colllocale' : version >= 150000 ? 'l.colliculocale' : 'NULL::text';
  return `
SELECT n.nspname AS schema,
       l.collname AS name,
       l.collprovider AS provider,
       ${locale} AS locale,
       l.collcollate AS lc_collate,
       l.collctype AS lc_ctype,
       l.collisdeterministic AS deterministic,
       obj_description(l.oid, 'pg_collation') AS comment
FROM pg_collation l
JOIN pg_namespace n ON n.oid = l.collnamespace
WHERE ${userSchema('n')}
  AND NOT EXISTS (
    SELECT 1 FROM pg_depend ext
    WHERE ext.classid = 'pg_collation'::regclass AND ext.objid = l.oid AND ext.deptype = 'e')
ORDER BY n.nspname, l.collname`;
}

interface CollationRow {
  readonly schema: string;
  readonly name: string;
  /** c (libc), i (icu), b (builtin) */
  readonly provider: string;
  readonly locale: string | null;
  readonly lc_collate: string | null;
  readonly lc_ctype: string | null;
  readonly deterministic: boolean;
  readonly comment: string | null;
}

const PROVIDERS: Readonly<Record<string, string>> = { c: 'libc', i: 'icu', b: 'builtin' };

export async function readCollations(ctx: IntrospectContext): Promise<Collation[]> {
  const { rows } = await ctx.db.query<CollationRow>(collationsSql(ctx.version), ctx.params);
  return rows.map((r) => {
    const provider = PROVIDERS[r.provider];
    if (provider === undefined) throw new Error(`collation ${r.schema}.${r.name}: unknown provider '${r.provider}'`);
    // libc with the same collate and ctype is one locale, as CREATE COLLATION (locale = …) makes it.
    const single = provider === 'libc' && r.lc_collate === r.lc_ctype;
    return {
      kind: 'collation',
      schema: r.schema,
      name: r.name,
      provider,
      locale: provider === 'libc' ? (single ? r.lc_collate : null) : r.locale,
      lcCollate: provider === 'libc' && !single ? r.lc_collate : null,
      lcCtype: provider === 'libc' && !single ? r.lc_ctype : null,
      deterministic: r.deterministic,
      comment: r.comment,
    };
  });
}
