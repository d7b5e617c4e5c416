import type { PublishActions, PublishedTable } from '../model/types.js';
import { quoteIdent, quoteLiteral, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';

/** `TABLE s.t (a, b) WHERE (…)`: the filter is the server's own text (pg_get_expr), parenthesized as WHERE demands. */
function tableItem(t: PublishedTable, withDetail: boolean): string {
  const columns = withDetail && t.columns !== null ? ` (${t.columns.map(quoteIdent).join(', ')})` : '';
  const filter = withDetail && t.filter !== null ? ` WHERE (${t.filter})` : '';
  return `TABLE ${quoteQualified(t.schema, t.table)}${columns}${filter}`;
}

/** The publication objects of a FOR / ADD / DROP / SET list; DROP takes no column list or filter. */
function objectList(tables: readonly PublishedTable[], schemas: readonly string[], withDetail: boolean): string {
  return [
    ...tables.map((t) => tableItem(t, withDetail)),
    ...schemas.map((s) => `TABLES IN SCHEMA ${quoteIdent(s)}`),
  ].join(', ');
}

function publishList(p: PublishActions): string {
  const actions = (['insert', 'update', 'delete', 'truncate'] as const).filter((a) => p[a]);
  return quoteLiteral(actions.join(', '));
}

function options(publish: PublishActions, viaRoot: boolean, generatedColumns: 'none' | 'stored' | null): string {
  const parts = [`publish = ${publishList(publish)}`, `publish_via_partition_root = ${viaRoot ? 'true' : 'false'}`];
  if (generatedColumns !== null) parts.push(`publish_generated_columns = ${generatedColumns}`);
  return parts.join(', ');
}

export const publicationRenderers: Renderers<'create-publication' | 'drop-publication' | 'alter-publication-objects' | 'set-publication-options'> = {
  'create-publication': ({ publication: p }) => {
    const what = p.allTables
      ? ' FOR ALL TABLES'
      : p.tables.length + p.schemas.length > 0 ? ` FOR ${objectList(p.tables, p.schemas, true)}` : '';
    // publish_generated_columns only when not its default: a server before 18 has no such option.
    return `CREATE PUBLICATION ${quoteIdent(p.name)}${what} WITH (${options(p.publish, p.viaRoot, p.generatedColumns === 'stored' ? 'stored' : null)})`;
  },
  'drop-publication': (op) => `DROP PUBLICATION ${quoteIdent(op.name)}`,
  'alter-publication-objects': (op) =>
    `ALTER PUBLICATION ${quoteIdent(op.name)} ${op.action.toUpperCase()} ${objectList(op.tables, op.schemas, op.action !== 'drop')}`,
  'set-publication-options': (op) => `ALTER PUBLICATION ${quoteIdent(op.name)} SET (${options(op.publish, op.viaRoot, op.generatedColumns)})`,
};
