import { requireName, requireText } from './name-check.js';
import { captureLocation, type Location } from './location.js';
import type { SqlFragment } from './sql.js';
import type { ViewColumnComment } from '../model/types.js';

export const VIEW: unique symbol = Symbol.for('pgtide.view');

export interface ViewDef {
  readonly schema: string;
  readonly name: string;
  readonly materialized: boolean;
  readonly query: string;
  options: readonly string[];
  comment: string | null;
  columnComments: readonly ViewColumnComment[];
  readonly location: Location | null;
}

export interface PgView {
  readonly [VIEW]: ViewDef;
  readonly viewName: string;
  comment(text: string): PgView;
  /** COMMENT ON COLUMN for one of the view's columns. */
  columnComment(column: string, text: string): PgView;
  /** Storage or view options as `name=value`, e.g. `security_barrier=true`, `check_option=local`. */
  with(...options: string[]): PgView;
}

function makeView(name: string, query: SqlFragment, materialized: boolean, schema: string): PgView {
  requireName(materialized ? 'materialized view name' : 'view name', name);
  requireName(`schema of view ${name}`, schema);
  const def: ViewDef = { schema, name, materialized, query: query.text, options: [], comment: null, columnComments: [], location: captureLocation() };
  const self: PgView = {
    [VIEW]: def,
    viewName: name,
    comment(text: string) {
      def.comment = requireText(`comment of view ${schema}.${name}`, text);
      return self;
    },
    columnComment(column: string, text: string) {
      requireName(`column of view ${schema}.${name}`, column);
      const comment = requireText(`comment of column ${column} of view ${schema}.${name}`, text);
      def.columnComments = Object.freeze([...def.columnComments.filter((c) => c.column !== column), { column, comment }]);
      return self;
    },
    with(...options: string[]) {
      def.options = Object.freeze([...def.options, ...options]);
      return self;
    },
  };
  return self;
}

/**
 * `view('active_users', sql\`SELECT id, email FROM public.users WHERE active\`)`. Name tables with
 * their schema in the query: it runs with an empty search_path when pgtide normalizes it.
 */
export function view(name: string, query: SqlFragment, options: { schema?: string } = {}): PgView {
  return makeView(name, query, false, options.schema ?? 'public');
}

/** A materialized view; its indexes are declared in SQL or by `index()` on a table-like in a later version. */
export function materializedView(name: string, query: SqlFragment, options: { schema?: string } = {}): PgView {
  return makeView(name, query, true, options.schema ?? 'public');
}

export function isView(value: unknown): value is PgView {
  return typeof value === 'object' && value !== null && VIEW in value;
}
