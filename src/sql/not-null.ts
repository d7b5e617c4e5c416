import type { QName } from '../plan/ops.js';
import { dollarQuote, quoteLiteral, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';

/**
 * Names a column's NOT NULL constraint. Migrations are replayed in PostgreSQL 18 and applied to servers
 * that may be older, where NOT NULL has no constraint to rename and `ADD CONSTRAINT … NOT NULL` does not
 * parse; so the rename runs only on 18+, and looks the current name up instead of assuming it (SET NOT
 * NULL picks `<table>_<column>_not_null`, or that name with a digit when it is taken). The statement is
 * built from literals, never from the looked-up name without quote_ident. An inherited constraint
 * (a partition's) cannot be renamed on its own: that is left as it is, with a notice.
 */
function renameNotNull(table: QName, column: string, name: string): string {
  const rel = quoteLiteral(quoteQualified(table.schema, table.name));
  const target = quoteLiteral(name);
  const body = `
DECLARE current_name name; inherited boolean;
BEGIN
  IF current_setting('server_version_num')::int < 180000 THEN RETURN; END IF;
  SELECT con.conname, con.coninhcount > 0 INTO current_name, inherited FROM pg_constraint con
  JOIN pg_attribute a ON a.attrelid = con.conrelid AND con.conkey = ARRAY[a.attnum]
  WHERE con.conrelid = ${rel}::regclass AND con.contype = 'n' AND a.attname = ${quoteLiteral(column)};
  IF inherited THEN
    RAISE NOTICE 'NOT NULL constraint % of a partition or child table is inherited and cannot be renamed', current_name;
  ELSIF current_name IS NOT NULL AND current_name <> ${target} THEN
    EXECUTE ${quoteLiteral(`ALTER TABLE ${quoteQualified(table.schema, table.name)} RENAME CONSTRAINT `)}
      || quote_ident(current_name) || ' TO ' || quote_ident(${target});
  END IF;
END
`;
  return `DO ${dollarQuote(body)}`;
}

export const notNullRenderers: Renderers<'name-not-null'> = {
  'name-not-null': (op) => renameNotNull(op.table, op.column, op.name),
};
