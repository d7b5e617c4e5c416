import { usageError } from '../errors.js';
import { newVersion, slugify, splitStatements, type NewMigration } from '../migrations/index.js';
import { dbmate } from './tools/dbmate.js';
import { diesel } from './tools/diesel.js';
import { drizzle } from './tools/drizzle.js';
import { flyway } from './tools/flyway.js';
import { goose } from './tools/goose.js';
import { prisma } from './tools/prisma.js';
import { TOOLS, type ForeignMigration, type Tool, type ToolAdapter } from './types.js';

export const ADAPTERS: Readonly<Record<Tool, ToolAdapter>> = { prisma, drizzle, flyway, goose, dbmate, diesel };

export function parseTool(value: unknown): Tool {
  if (typeof value === 'string' && (TOOLS as readonly string[]).includes(value)) return value as Tool;
  throw usageError(
    `--from ${value === undefined ? '(missing)' : String(value)}: import reads the SQL histories of ${TOOLS.join(', ')}. Tools whose migrations are code (TypeORM, Knex, Alembic, Django) adopt with "pgtide baseline" instead.`,
  );
}

// Statements PostgreSQL refuses inside a transaction block; pgtide runs each on its own.
const OUTSIDE_TRANSACTION = /^\s*(create\s+(unique\s+)?index\s+concurrently|drop\s+index\s+concurrently|reindex\b.*\bconcurrently|vacuum\b|create\s+database\b|drop\s+database\b|alter\s+system\b)/i;

/** The tool's SQL with `-- pgtide:no-transaction` above each statement that must run on its own. */
export function withDirectives(sql: string, file: string, everyStatement: boolean): string {
  const lines = sql.split('\n');
  const marked = new Set<number>();
  for (const st of splitStatements(sql, file)) {
    if (!st.directives.noTransaction && (everyStatement || OUTSIDE_TRANSACTION.test(st.text))) marked.add(st.line);
  }
  return lines.flatMap((line, i) => (marked.has(i + 1) ? ['-- pgtide:no-transaction', line] : [line])).join('\n');
}

function header(tool: Tool, m: ForeignMigration, what: string): string {
  return `-- Imported from ${tool} (${what} of ${m.id}: ${m.file.split(/[\\/]/).slice(-2).join('/')}).\n`;
}

const trailingNewline = (s: string): string => (s.endsWith('\n') ? s : `${s}\n`);

/**
 * One pgtide folder per migration, in the tool's order. Versions are the tool's own times when it
 * has them; otherwise (Flyway's V1, V2 …) one second apart from 1970, so any later `generate`
 * sorts after them.
 */
export function toPgtideMigrations(tool: Tool, migrations: readonly ForeignMigration[]): (NewMigration & { readonly sourceId: string })[] {
  const versions: string[] = [];
  return migrations.map((m) => {
    const version = newVersion(m.time ?? new Date(0), versions);
    versions.push(version);
    let name: string;
    try {
      name = slugify(m.name);
    } catch {
      name = 'migration';
    }
    const expand = header(tool, m, 'up') + trailingNewline(withDirectives(m.up, m.file, m.noTransaction));
    const files = m.down === null ? { expand } : { expand, down: header(tool, m, 'down') + trailingNewline(m.down) };
    return { version, name, files, plan: null, sourceId: m.id };
  });
}
