import { expect } from 'vitest';

/**
 * Asserts that `a` and `b` both occur in `within` (a script, or a list such as step kinds) and that
 * the first `a` comes before the first `b`. `indexOf(a) < indexOf(b)` alone also passes when `a` is
 * missing (-1), which would hide the very regression an ordering test is for.
 */
export function expectBefore(within: string | readonly string[], a: string, b: string): void {
  const at = typeof within === 'string' ? within.indexOf(a) : within.indexOf(a);
  const bt = typeof within === 'string' ? within.indexOf(b) : within.indexOf(b);
  const shown = typeof within === 'string' ? within : within.join('\n');
  expect(at, `expected ${JSON.stringify(a)} in:\n${shown}`).toBeGreaterThanOrEqual(0);
  expect(bt, `expected ${JSON.stringify(b)} in:\n${shown}`).toBeGreaterThanOrEqual(0);
  expect(at, `expected ${JSON.stringify(a)} before ${JSON.stringify(b)} in:\n${shown}`).toBeLessThan(bt);
}
