import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest (measured on the 2-core CI machine), longest first. Vitest orders by
 * the durations it cached on earlier runs, which a clean clone lacks; it then starts the largest
 * files first, and the round-trip property (a short file, the longest run) would start last and
 * leave the other worker idle. Only the order changes: every file still runs.
 */
const SLOWEST = [
  'test/realworld/realworld.test.ts',
  'test/property/roundtrip.test.ts',
  'test/cli/workflow.test.ts',
  'test/cli/diff.test.ts',
  'test/objects/partitions.test.ts',
  'test/scenarios/foreign-keys-checks.test.ts',
  'test/objects/tables.test.ts',
  'test/scenarios/columns.test.ts',
  'test/bad-input/schema-and-config.test.ts',
  'test/adopt/baseline.test.ts',
  'test/objects/not-null-names.test.ts',
];

const rank = (spec: TestSpecification): number => {
  const path = spec.moduleId.replaceAll('\\', '/');
  const i = SLOWEST.findIndex((p) => path.endsWith(`/${p}`));
  return i === -1 ? SLOWEST.length : i;
};

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    // Array.prototype.sort is stable: the rest keep vitest's own order.
    return [...base].sort((a, b) => rank(a) - rank(b));
  }
}
