import { describe, expect, it } from 'vitest';
import { alignEngineDefaults, type EngineSide } from '../../src/api/extension-versions.js';
import { buildModel } from '../../src/model/model.js';
import type { Extension } from '../../src/model/types.js';

const ext = (name: string, version: string): Extension => ({ kind: 'extension', name, schema: 'public', version });
const pglite: EngineSide = { engine: 'pglite', serverVersion: 180001, defaults: new Map([['pgcrypto', '1.4'], ['hstore', '1.8']]) };
const pg15: EngineSide = { engine: 'postgres', serverVersion: 150020, defaults: new Map([['pgcrypto', '1.3'], ['hstore', '1.8']]) };

describe('extension versions across engines', () => {
  it('takes the live version where both sides hold their engine default', () => {
    const { expected, differences } = alignEngineDefaults(buildModel([ext('pgcrypto', '1.4')]), buildModel([ext('pgcrypto', '1.3')]), { expected: pglite, live: pg15 });
    expect(differences).toEqual([{ extension: 'pgcrypto', expected: '1.4', live: '1.3' }]);
    expect([...expected.extension.values()][0]?.version).toBe('1.3');
  });

  it('keeps comparing a version that is not the engine default (pinned, or updated by hand)', () => {
    const live = buildModel([ext('pgcrypto', '1.2')]);
    const { expected, differences } = alignEngineDefaults(buildModel([ext('pgcrypto', '1.4')]), live, { expected: pglite, live: pg15 });
    expect(differences).toEqual([]);
    expect([...expected.extension.values()][0]?.version).toBe('1.4');
  });

  it('changes nothing when both sides ran on the same engine and major version', () => {
    const same: EngineSide = { ...pglite, serverVersion: 180006 };
    const { differences } = alignEngineDefaults(buildModel([ext('pgcrypto', '1.4')]), buildModel([ext('pgcrypto', '1.3')]), { expected: pglite, live: same });
    expect(differences).toEqual([]);
  });
});
