import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, pgtide, requireBuild, shown } from './helpers.js';

/** This repository's own schema (schema.config.ts, schema/, generated/migrations) must stay in step. */
describe('dogfood: pgtide on this repository', () => {
  beforeAll(() => {
    requireBuild();
  });

  it('check: every schema change has a migration', async () => {
    const r = await pgtide(['check'], { cwd: REPO });
    expect(r.code, shown(r)).toBe(0);
  });

  it('verify: the history replays, down.sql undoes each migration, and it ends at the schema', async () => {
    const r = await pgtide(['verify'], { cwd: REPO });
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toMatch(/Verified \d+ migration\(s\)/);
  });
});
