import type { Queryable } from '../db/queryable.js';
import { quoteIdent, quoteQualified } from '../sql/ident.js';
import { identifierName, tokenize, type Token } from '../util/sql-lexer.js';

/**
 * A `CREATE [UNIQUE] INDEX CONCURRENTLY name ON table …` statement. When such a build fails (a lock
 * or statement timeout, a duplicate key, a lost connection), PostgreSQL keeps the index it had
 * started, marked INVALID: never used by queries, still maintained on every write, and in the way
 * of the next attempt ("relation already exists"). Apply drops it before it tries again.
 */
export interface ConcurrentIndex {
  readonly name: string;
  /** The table's schema as written; null when the statement relies on search_path. */
  readonly schema: string | null;
  readonly table: string;
}

class NotShaped extends Error {}

const isBlank = (t: Token): boolean => t.type === 'space' || t.type === 'line-comment' || t.type === 'block-comment';

/** The index a statement builds concurrently; null for any other statement, or one without an index name. */
export function concurrentIndexOf(text: string): ConcurrentIndex | null {
  let tokens: Token[];
  try {
    tokens = [];
    for (const t of tokenize(text, () => {
      throw new NotShaped();
    })) {
      if (!isBlank(t)) tokens.push(t);
      // The head of the statement is all that is needed; key lists and WHERE clauses may be long.
      if (tokens.length >= 16) break;
    }
  } catch (err) {
    if (err instanceof NotShaped) return null;
    throw err;
  }
  let i = 0;
  const word = (w: string): boolean => {
    const t = tokens[i];
    if (t === undefined || t.type !== 'word' || text.slice(t.start, t.end).toLowerCase() !== w) return false;
    i++;
    return true;
  };
  const ident = (): string | null => {
    const t = tokens[i];
    if (t === undefined) return null;
    const name = identifierName(text, t);
    if (name !== null) i++;
    return name;
  };
  if (!word('create')) return null;
  word('unique');
  if (!word('index') || !word('concurrently')) return null;
  if (word('if') && !(word('not') && word('exists'))) return null;
  // Without a name the server picks one, which cannot be told from another invalid index.
  if (word('on')) return null;
  const name = ident();
  if (name === null || !word('on')) return null;
  word('only');
  const first = ident();
  if (first === null) return null;
  const dot = tokens[i];
  if (dot !== undefined && text.slice(dot.start, dot.end) === '.') {
    i++;
    const table = ident();
    return table === null ? null : { name, schema: first, table };
  }
  return { name, schema: null, table: first };
}

/** The index's schema-qualified name, quoted, when it exists and is INVALID; null otherwise. */
export async function invalidIndex(db: Queryable, ix: ConcurrentIndex): Promise<string | null> {
  const table = ix.schema === null ? quoteIdent(ix.table) : quoteQualified(ix.schema, ix.table);
  // The index lives in its table's schema; to_regclass resolves an unqualified table as the statement did.
  const res = await db.query<{ schema: string }>(
    `SELECT n.nspname AS schema FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_class c ON c.relnamespace = t.relnamespace AND c.relname = $2
       JOIN pg_index i ON i.indexrelid = c.oid AND i.indrelid = t.oid
     WHERE t.oid = to_regclass($1) AND NOT i.indisvalid`,
    [table, ix.name],
  );
  const schema = res.rows[0]?.schema;
  return schema === undefined ? null : quoteQualified(schema, ix.name);
}

/** Drops the index if it is INVALID; returns the name it dropped, or null when there was nothing to drop. */
export async function dropInvalidIndex(db: Queryable, ix: ConcurrentIndex): Promise<string | null> {
  const name = await invalidIndex(db, ix);
  if (name === null) return null;
  await db.exec(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`);
  return name;
}
