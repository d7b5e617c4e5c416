import { quoteLiteral, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';

const PROVIDERS: Readonly<Record<string, string>> = { libc: 'libc', icu: 'icu', builtin: 'builtin' };

export const collationRenderers: Renderers<'create-collation' | 'drop-collation'> = {
  'create-collation': ({ collation: c }) => {
    const provider = PROVIDERS[c.provider];
    if (provider === undefined) throw new Error(`collation ${c.schema}.${c.name}: unknown provider ${c.provider}`);
    const options = [`provider = ${provider}`];
    if (c.locale !== null) options.push(`locale = ${quoteLiteral(c.locale)}`);
    if (c.lcCollate !== null) options.push(`lc_collate = ${quoteLiteral(c.lcCollate)}`);
    if (c.lcCtype !== null) options.push(`lc_ctype = ${quoteLiteral(c.lcCtype)}`);
    if (!c.deterministic) options.push('deterministic = false');
    return `CREATE COLLATION ${quoteQualified(c.schema, c.name)} (${options.join(', ')})`;
  },
  'drop-collation': (op) => `DROP COLLATION ${quoteQualified(op.collation.schema, op.collation.name)}`,
};
