import type { Constraint, Index } from '../../model/types.js';
import type { Location } from '../location.js';
import type { TableDef } from '../bound-column.js';

/**
 * A constraint or index before it has a name. Names are chosen in a second pass, once every explicit
 * name in the schema is known, so that generated names step around them as the server's would.
 */
export interface Spec {
  readonly table: TableDef;
  readonly location: Location | null;
  /** What the user called it, or null to follow PostgreSQL's convention. */
  readonly explicit: string | null;
  /** makeObjectName parts for the generated name: `<table>_<addition>_<label>`. */
  readonly addition: string | null;
  readonly label: 'pkey' | 'key' | 'fkey' | 'check' | 'excl' | 'idx';
  /** Primary keys, unique constraints and indexes are relations too (their index), sharing pg_class names. */
  readonly isRelation: boolean;
  /** Human description for messages, e.g. "unique constraint on (email)". */
  readonly describe: string;
  /** For foreign keys: the resolved target, checked once every table is known. */
  readonly references?: { readonly table: TableDef; readonly columns: readonly string[] };
  /** An index declared `.clustered()`: its table's CLUSTER ON index. */
  readonly clustered?: true;
  build(name: string): Constraint | Index;
}
