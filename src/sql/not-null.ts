import type { QName } from '../plan/ops.js';
import { dollarQuote, quoteLiteral, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';

/**
 * What the rename does with a constraint the table inherits, which PostgreSQL 18 refuses to rename.
 * A partition's is renamed while the partition is detached: DETACH makes it the table's own, and
 * ATTACH (with the bound read back from the catalog) merges it with the parent's again, keeping
 * the new name. Without `detach` (plain INHERITS children, whose parents' order ATTACH could not
 * restore) it is left as it is, with a notice.
 */
function inheritedBranch(rel: string, rename: string, detach: boolean): string {
  if (!detach) {
    return `RAISE NOTICE 'NOT NULL constraint % of a child table is inherited and cannot be renamed', current_name;`;
  }
  return `SELECT i.inhparent::regclass::text, pg_get_expr(c.relpartbound, c.oid) INTO parent, bound
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhrelid = ${rel}::regclass AND c.relispartition;
    IF parent IS NULL THEN
      RAISE NOTICE 'NOT NULL constraint % of a child table is inherited and cannot be renamed', current_name;
      RETURN;
    END IF;
    EXECUTE 'ALTER TABLE ' || parent || ' DETACH PARTITION ' || ${rel};
    ${rename}
    EXECUTE 'ALTER TABLE ' || parent || ' ATTACH PARTITION ' || ${rel} || ' ' || bound;`;
}

/**
 * Names a column's NOT NULL constraint. Migrations are replayed in PostgreSQL 18 and applied to servers
 * that may be older, where NOT NULL has no constraint to rename and `ADD CONSTRAINT … NOT NULL` does not
 * parse; so the rename runs only on 18+, and looks the current name up instead of assuming it (SET NOT
 * NULL picks `<table>_<column>_not_null`, or that name with a digit when it is taken). The statement is
 * built from literals, never from the looked-up name without quote_ident.
 */
function renameNotNull(table: QName, column: string, name: string, detach: boolean): string {
  const qualified = quoteQualified(table.schema, table.name);
  const rel = quoteLiteral(qualified);
  const target = quoteLiteral(name);
  const rename = `EXECUTE ${quoteLiteral(`ALTER TABLE ${qualified} RENAME CONSTRAINT `)}
      || quote_ident(current_name) || ' TO ' || quote_ident(${target});`;
  const body = `
DECLARE current_name name; inherited boolean;${detach ? ' parent text; bound text;' : ''}
BEGIN
  IF current_setting('server_version_num')::int < 180000 THEN RETURN; END IF;
  SELECT con.conname, con.coninhcount > 0 INTO current_name, inherited FROM pg_constraint con
  JOIN pg_attribute a ON a.attrelid = con.conrelid AND con.conkey = ARRAY[a.attnum]
  WHERE con.conrelid = ${rel}::regclass AND con.contype = 'n' AND a.attname = ${quoteLiteral(column)};
  IF current_name IS NULL OR current_name = ${target} THEN RETURN; END IF;
  IF inherited THEN
    ${inheritedBranch(rel, rename, detach)}
  ELSE
    ${rename}
  END IF;
END
`;
  return `DO ${dollarQuote(body)}`;
}

export const notNullRenderers: Renderers<'name-not-null'> = {
  'name-not-null': (op) => renameNotNull(op.table, op.column, op.name, op.detach),
};
