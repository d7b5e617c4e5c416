import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffDatabases } from '../../src/api/diff-databases.js';
import { loadCorpus, type CorpusCase } from './lib/cases.js';
import { openEngines, runConformance } from './lib/conformance.js';
import type { ConformanceEngine } from './lib/engine.js';

/**
 * A few in-scope corpus cases on PGlite through the same code path as `npm run conformance`, so
 * that `npm test` exercises the runner (and catches pgtide regressions on cases that pass today).
 */
const SAMPLE = [
  'pg-schema-diff/check_constraint__005__add-multiple-check-constraints',
  'pg-schema-diff/column__002__add-one-column-with-default',
  'pg-schema-diff/index__002__add-a-normal-index',
  'pg-schema-diff/enum__004__add-values',
];

describe('conformance runner on a corpus sample (PGlite)', () => {
  let engines: ConformanceEngine[] = [];
  let cases: CorpusCase[] = [];

  beforeAll(async () => {
    const corpus = await loadCorpus();
    cases = corpus.filter((c) => SAMPLE.includes(c.id));
    engines = await openEngines(['pglite'], 1);
  });

  afterAll(async () => {
    await Promise.all(engines.map((e) => e.close()));
  });

  it('finds every sample case in the corpus', () => {
    expect(cases.map((c) => c.id).sort()).toEqual([...SAMPLE].sort());
  });

  it('migrates, compares dumps and re-diffs each case to a pass, classified in scope', async () => {
    const results = await runConformance({ cases, engines, diff: diffDatabases, jobs: 1 });
    expect(results).toHaveLength(SAMPLE.length);
    for (const r of results) {
      expect({ id: r.caseId, outcome: r.outcome, reason: r.reason }).toEqual({ id: r.caseId, outcome: 'pass', reason: null });
      expect(r.notCovered).toEqual([]);
      expect(r.kinds).toContain('table');
      expect(r.changeCount).toBeGreaterThan(0);
    }
    const byId = new Map(results.map((r) => [r.caseId, r]));
    expect(byId.get('pg-schema-diff/enum__004__add-values')?.kinds).toContain('enum');
    expect(byId.get('pg-schema-diff/check_constraint__005__add-multiple-check-constraints')?.kinds).toContain('constraint');
  });
});
