import type { Queryable } from '../../../src/db/queryable.js';

const DUPLICATE_OBJECT = '42710';
const UNIQUE_VIOLATION = '23505';

function sqlState(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const code = (err as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

interface Entry {
  users: number;
  /** Only roles this process created are dropped; roles that existed before the run are left alone. */
  state: 'absent' | 'created' | 'pre-existing';
  /** Serializes create/drop of one role between concurrent cases. */
  pending: Promise<void>;
}

/**
 * Roles are cluster-wide on a server, while cases run concurrently in their own databases. A role
 * is created when the first case needs it and dropped when the last case using it is done (its
 * databases are dropped before, so nothing depends on it any more).
 */
export class RoleRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly admin: Queryable) {}

  async acquire(roleSql: string): Promise<void> {
    let entry = this.entries.get(roleSql);
    if (!entry) {
      entry = { users: 0, state: 'absent', pending: Promise.resolve() };
      this.entries.set(roleSql, entry);
    }
    entry.users += 1;
    const e = entry;
    try {
      await this.serialize(e, async () => {
        if (e.state === 'absent') e.state = (await this.create(roleSql)) ? 'created' : 'pre-existing';
      });
    } catch (err) {
      e.users -= 1;
      throw err;
    }
  }

  async release(roleSql: string): Promise<void> {
    const e = this.entries.get(roleSql);
    if (!e) return;
    e.users -= 1;
    await this.serialize(e, async () => {
      if (e.users === 0 && e.state === 'created') {
        e.state = 'absent';
        await this.admin.exec(`DROP ROLE IF EXISTS ${roleSql}`);
      }
    });
  }

  /** Runs fn after the role's earlier operations; a failure is reported to this caller only. */
  private async serialize(e: Entry, fn: () => Promise<void>): Promise<void> {
    const run = e.pending.then(fn);
    e.pending = run.catch(() => undefined);
    await run;
  }

  /** True when this call created the role, false when it already existed. */
  private async create(roleSql: string): Promise<boolean> {
    try {
      // The corpus gives role names as SQL (pre-quoted where needed); they are spliced as given.
      await this.admin.exec(`CREATE ROLE ${roleSql}`);
      return true;
    } catch (err) {
      const state = sqlState(err);
      if (state === DUPLICATE_OBJECT || state === UNIQUE_VIOLATION) return false;
      throw err;
    }
  }
}
