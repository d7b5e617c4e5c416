import { describe, expect, it } from 'vitest';
import { folderName, newVersion, parseFolderName, parseVersion, slugify, validatePlan } from '../../src/migrations/index.js';
import { samplePlan } from './helpers.js';

describe('newVersion', () => {
  it('formats the UTC second of now', () => {
    expect(newVersion(new Date('2026-11-22T10:15:00.999Z'))).toBe('20261122T101500Z');
    expect(newVersion(new Date('2026-01-02T03:04:05+02:00'))).toBe('20260102T010405Z');
  });

  it('is strictly greater than every existing version, bumping by a second', () => {
    const now = new Date('2026-11-22T10:15:00Z');
    expect(newVersion(now, ['20261122T101459Z'])).toBe('20261122T101500Z');
    expect(newVersion(now, ['20261122T101500Z'])).toBe('20261122T101501Z');
    expect(newVersion(now, ['20261122T101500Z', '20261231T235959Z', '20250101T000000Z'])).toBe('20270101T000000Z');
  });

  it('rejects an invalid clock or an existing version that is not one', () => {
    expect(() => newVersion(new Date('nope'))).toThrow(/invalid Date/);
    expect(() => newVersion(new Date(), ['2026-11-22'])).toThrow(/"2026-11-22" is not a migration version/);
    expect(() => newVersion(new Date(), ['20260231T000000Z'])).toThrow(/not a migration version/);
  });
});

describe('parseVersion', () => {
  it('accepts real times only', () => {
    expect(parseVersion('20261122T101500Z')?.toISOString()).toBe('2026-11-22T10:15:00.000Z');
    for (const bad of ['20261122T101500', '20261322T101500Z', '20260230T000000Z', '20261122T246000Z', '2026112T101500Z']) {
      expect(parseVersion(bad)).toBeNull();
    }
  });
});

describe('slugify', () => {
  it.each([
    ['add user role', 'add_user_role'],
    ['  Add  User-Role!  ', 'add_user_role'],
    ['Crème brûlée v2', 'creme_brulee_v2'],
    ['add column public.users.role and more', 'add_column_public_users_role_and_more'],
    ['__x__', 'x'],
  ])('%j → %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('keeps slugs to 64 characters without a trailing underscore', () => {
    const slug = slugify(`${'a'.repeat(63)} b c`);
    expect(slug).toBe('a'.repeat(63));
    expect(slugify('x'.repeat(100))).toHaveLength(64);
  });

  it('rejects names without letters or digits', () => {
    expect(() => slugify('  !?  ')).toThrow(/has no letters or digits/);
    expect(() => slugify('')).toThrow(/has no letters or digits/);
  });
});

describe('folder names', () => {
  it('round-trips version and name', () => {
    const name = folderName({ version: '20261122T101500Z', name: 'add_user_role' });
    expect(name).toBe('20261122T101500Z_add_user_role');
    expect(parseFolderName(name)).toEqual({ version: '20261122T101500Z', name: 'add_user_role' });
  });

  it.each(['add_user_role', '20261122T101500Z', '20261122T101500Z_', '20261122T101500Z_Add', '20261122T101500Z_a__b', '20261122T101500Z_a-b', '20261340T101500Z_x', '20261122T101500_x'])(
    'rejects %j',
    (name) => {
      expect(parseFolderName(name)).toBeNull();
    },
  );
});

describe('validatePlan', () => {
  it('accepts a complete plan', () => {
    expect(validatePlan(JSON.parse(JSON.stringify(samplePlan)))).toEqual(samplePlan);
  });

  const step = samplePlan.steps[0]!;
  const cases: [string, unknown, RegExp][] = [
    ['not an object', [], /plan must be an object/],
    ['another format version', { ...samplePlan, pgtide: 2 }, /plan\.pgtide must be 1/],
    ['a missing hash', { ...samplePlan, to: undefined }, /plan\.to must be a string/],
    ['an unknown field', { ...samplePlan, extra: true }, /plan has an unknown field "extra"/],
    ['steps not an array', { ...samplePlan, steps: {} }, /plan\.steps must be an array/],
    ['a bad phase', { ...samplePlan, steps: [{ ...step, phase: 'later' }] }, /plan\.steps\[0\]\.phase must be one of/],
    ['a file of another phase', { ...samplePlan, steps: [{ ...step, file: 'contract.sql' }] }, /\.file must be the file of its phase, "expand\.sql"/],
    ['a negative index', { ...samplePlan, steps: [{ ...step, index: -1 }] }, /\.index must be a whole number/],
    ['a non-boolean flag', { ...samplePlan, steps: [{ ...step, transactional: 'no' }] }, /\.transactional must be true or false/],
    ['an unknown rewrite mode', { ...samplePlan, steps: [{ ...step, rewrites: true }] }, /\.rewrites must be one of "none", "scan", "rewrite"/],
    ['an unknown lock', { ...samplePlan, steps: [{ ...step, lock: 'TOTAL' }] }, /\.lock must be one of "none", "ACCESS SHARE"/],
    ['an unknown hazard kind', { ...samplePlan, steps: [{ ...step, hazards: [{ kind: 'oops', risk: 'low', reason: 'r' }] }] }, /\.hazards\[0\]\.kind must be one of "data-loss"/],
    ['a zero batch size', { ...samplePlan, steps: [{ ...step, batch: { size: 0 } }] }, /\.batch\.size must be a whole number > 0/],
    ['an unknown risk', { ...samplePlan, steps: [{ ...step, hazards: [{ kind: 'rewrite', risk: 'huge', reason: 'r' }] }] }, /\.hazards\[0\]\.risk must be one of "low", "medium", "high"/],
    ['an unknown step field', { ...samplePlan, steps: [{ ...step, sql: 'x' }] }, /steps\[0\] has an unknown field "sql"/],
  ];
  it.each(cases)('rejects %s', (_name, value, message) => {
    const out = validatePlan(value);
    expect(typeof out).toBe('string');
    expect(out).toMatch(message);
  });
});
