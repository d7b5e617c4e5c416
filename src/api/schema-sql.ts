import type { Queryable } from '../db/queryable.js';
import { usageError } from '../errors.js';
import { splitStatements } from '../migrations/index.js';

interface Pending {
  readonly text: string;
  /** `file:line`, or the TypeScript schema for the statements compiled from it. */
  readonly where: string;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Creates a schema declared partly in TypeScript and partly in .sql files, whichever refers to
 * which: a TS column default may call a function from a .sql file, and a .sql view may read a TS
 * table. Statements run one at a time, TypeScript's first, then each file's in order; a statement
 * that fails is retried after the others, until a pass makes no progress. What still fails then
 * fails for its own reason, which is reported with its file and line.
 */
export async function createMixed(
  db: Queryable,
  typescriptScript: string,
  sqlFiles: readonly { readonly file: string; readonly sql: string }[],
): Promise<void> {
  let pending: Pending[] = [
    ...splitStatements(typescriptScript, '<typescript schema>').map((s) => ({ text: s.text, where: 'the TypeScript schema' })),
    ...sqlFiles.flatMap(({ file, sql }) => splitStatements(sql, file).map((s) => ({ text: s.text, where: `${file}:${s.line}` }))),
  ];
  let failures: { readonly statement: Pending; readonly error: unknown }[] = [];
  while (pending.length > 0) {
    failures = [];
    for (const statement of pending) {
      try {
        await db.exec(statement.text);
      } catch (error) {
        failures.push({ statement, error });
      }
    }
    if (failures.length === pending.length) break;
    pending = failures.map((f) => f.statement);
  }
  const first = failures[0];
  if (pending.length > 0 && first !== undefined) {
    const more = failures.length > 1 ? ` (and ${failures.length - 1} more statement(s) that depend on it or fail too)` : '';
    throw usageError(
      `${first.statement.where}: the schema could not be created in PostgreSQL: ${message(first.error)}${more}. Fix the declaration and run the command again.`,
      first.error,
    );
  }
}
