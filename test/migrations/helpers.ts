import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { NewMigration, PlanJson } from '../../src/migrations/index.js';

/** A fresh directory under os.tmpdir(), removed after the current test. */
export function useTempDirs(): () => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pgtide-migrations-'));
    made.push(dir);
    return dir;
  };
}

export const samplePlan: PlanJson = {
  pgtide: 1,
  from: 'a'.repeat(64),
  to: 'b'.repeat(64),
  steps: [
    {
      phase: 'expand',
      file: 'expand.sql',
      index: 0,
      lock: 'ACCESS EXCLUSIVE',
      rewrites: 'none',
      transactional: true,
      batch: null,
      hazards: [{ kind: 'blocking-lock', risk: 'low', reason: 'brief ACCESS EXCLUSIVE lock' }],
      change: 'column.add',
      summary: 'add column public.users.role',
    },
  ],
};

export function migration(version: string, name: string, extra: Partial<NewMigration> = {}): NewMigration {
  return {
    version,
    name,
    files: {
      expand: `-- ${name}\nalter table users add column ${name} text;\n`,
      down: `alter table users drop column ${name};\n`,
    },
    plan: samplePlan,
    ...extra,
  };
}
