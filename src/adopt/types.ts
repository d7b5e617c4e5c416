import path from 'node:path';

/** The migration tools whose SQL histories pgtide imports. */
export type Tool = 'prisma' | 'drizzle' | 'flyway' | 'goose' | 'dbmate' | 'diesel';

export const TOOLS: readonly Tool[] = ['prisma', 'drizzle', 'flyway', 'goose', 'dbmate', 'diesel'];

/** One migration of another tool, in that tool's order. */
export interface ForeignMigration {
  /** The tool's own id, as its history table records it (prisma's folder name, flyway's version …). */
  readonly id: string;
  /** A name for the pgtide folder (slugified later). */
  readonly name: string;
  /** When the tool's id carries a UTC time, that time. */
  readonly time: Date | null;
  readonly up: string;
  readonly down: string | null;
  /** The tool runs this migration outside a transaction. */
  readonly noTransaction: boolean;
  /** Where it came from, for messages. */
  readonly file: string;
}

/** A file or folder in the tool's migrations folder that import did not take, and why. */
export interface PassedOver {
  readonly file: string;
  readonly reason: string;
}

/** What a tool's migrations folder holds: its migrations (oldest first), and whatever else was there. */
export interface ForeignHistory {
  readonly migrations: ForeignMigration[];
  /** Never dropped silently: import names each of these. */
  readonly passedOver: PassedOver[];
}

/** Reads a tool's migrations folder and its history table. */
export interface ToolAdapter {
  readonly tool: Tool;
  read(dir: string): Promise<ForeignHistory>;
  /**
   * SQL that lists the ids of applied migrations, or null when the history table is absent. Each
   * adapter checks for its table first (to_regclass), so an empty database is not an error.
   */
  readonly historyTable: string;
  readonly appliedSql: string;
}

/** The .sql files in a folder's listing that a tool's naming rule did not take. */
export function sqlFilesPassedOver(dir: string, names: readonly string[], taken: ReadonlySet<string>, rule: string): PassedOver[] {
  return names.filter((f) => f.endsWith('.sql') && !taken.has(f)).sort().map((f) => ({
    file: path.join(dir, f),
    reason: `its name does not follow ${rule}, so the tool does not run it either; not imported`,
  }));
}

/** `20240131120000` (14 digits, UTC) → Date, or null when it is not a real time. */
export function timeFromDigits(digits: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(digits);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && date.getUTCHours() === h ? date : null;
}
