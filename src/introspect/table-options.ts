import type { ReplicaIdentity, Table } from '../model/types.js';

/**
 * Table-level properties besides columns, as one json column of the tables query (for a pg_class
 * alias): persistence, partition key, partition parent and bound, INHERITS parents, replica identity, the CLUSTER ON index.
 */
export function tableOptionColumns(c: string): string {
  return `json_build_object(
         'unlogged', ${c}.relpersistence = 'u',
         'partition_by', CASE WHEN ${c}.relkind = 'p' THEN pg_get_partkeydef(${c}.oid) END,
         'bound', CASE WHEN ${c}.relispartition THEN pg_get_expr(${c}.relpartbound, ${c}.oid) END,
         'parents', (SELECT json_agg(json_build_object('schema', pn.nspname, 'table', p.relname) ORDER BY i.inhseqno)
                     FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
                     WHERE i.inhrelid = ${c}.oid),
         'replica_identity', ${c}.relreplident,
         'replica_index', (SELECT ic.relname FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid
                           WHERE x.indrelid = ${c}.oid AND x.indisreplident),
         'cluster_index', (SELECT ic.relname FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid
                           WHERE x.indrelid = ${c}.oid AND x.indisclustered)
       ) AS options`;
}

export interface TableOptionRow {
  readonly unlogged: boolean;
  readonly partition_by: string | null;
  readonly bound: string | null;
  readonly parents: { readonly schema: string; readonly table: string }[] | null;
  /** d (default), n (nothing), f (full), i (index) */
  readonly replica_identity: string;
  readonly replica_index: string | null;
  readonly cluster_index: string | null;
}

function replicaIdentity(r: TableOptionRow): ReplicaIdentity | null {
  switch (r.replica_identity) {
    case 'd':
      return null;
    case 'n':
      return 'nothing';
    case 'f':
      return 'full';
    case 'i':
      if (r.replica_index === null) throw new Error('replica identity USING INDEX without an index marked indisreplident');
      return { index: r.replica_index };
    default:
      throw new Error(`unknown relreplident '${r.replica_identity}'`);
  }
}

/** Only the properties that differ from a plain table, so that plain tables read as before. */
export function tableOptions(r: TableOptionRow): Pick<Table, 'unlogged' | 'partitionBy' | 'partitionOf' | 'inherits' | 'replicaIdentity' | 'clusterOn'> {
  const parents = r.parents ?? [];
  const identity = replicaIdentity(r);
  const parent = parents[0];
  return {
    ...(r.unlogged ? { unlogged: true } : {}),
    ...(r.partition_by !== null ? { partitionBy: r.partition_by } : {}),
    ...(r.bound !== null && parent !== undefined ? { partitionOf: { schema: parent.schema, table: parent.table, bound: r.bound } } : {}),
    ...(r.bound === null && parents.length > 0 ? { inherits: parents } : {}),
    ...(identity !== null ? { replicaIdentity: identity } : {}),
    ...(r.cluster_index !== null ? { clusterOn: r.cluster_index } : {}),
  };
}
