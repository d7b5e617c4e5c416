import { describe, expect, it, vi } from 'vitest';
import { loadDesired } from '../../src/api/desired.js';
import { loadProject } from '../../src/api/project.js';
import { pullRoundTrip } from './helpers.js';

vi.mock('pgtide', () => import('../../src/dsl/index.js'));

describe('pull of the example schema', () => {
  it('round-trips: the pulled source declares exactly the schema it was pulled from', async () => {
    const model = await loadDesired(await loadProject('schema.config.ts'));
    const { left, files } = await pullRoundTrip(model);
    expect(left).toEqual([]);
    expect([...files.keys()]).toEqual(['common.ts', 'audit.ts', 'public.ts', 'index.ts']);
  });
});
