import type { NewMigration, PlanJson } from '../../src/migrations/index.js';

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
