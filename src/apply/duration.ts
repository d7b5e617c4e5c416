import type { Duration } from '../dsl/config.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000 };

/** Milliseconds of a config duration (a number is already milliseconds). */
export function durationMs(d: Duration | string): number {
  if (typeof d === 'number') return d;
  const m = /^(\d+(?:\.\d+)?)(ms|s|min|h)$/.exec(d.trim());
  if (!m) throw new TypeError(`"${d}" is not a duration such as 500ms, 5s, 2min or 1h`);
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

/** A duration for people: 840 ms, 3.2 s, 2 min 5 s. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const min = Math.floor(ms / 60_000);
  return `${min} min ${Math.round((ms % 60_000) / 1000)} s`;
}
