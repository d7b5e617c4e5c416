/**
 * Durations as the config writes them ('500ms', '5s', '2min', '1h' or milliseconds as a number).
 * Below dsl and apply: the config checks them, the planner and apply turn them into milliseconds.
 */

const UNIT_MS = { ms: 1, s: 1000, min: 60_000, h: 3_600_000 } as const satisfies Record<string, number>;
type DurationUnit = keyof typeof UNIT_MS;

/** A PostgreSQL duration: milliseconds as a number, or text such as '500ms', '5s', '2min'. */
export type Duration = number | `${number}${DurationUnit}`;

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|min|h)$/;

/** Whether text is a duration such as '5s', exactly as written (no surrounding spaces). */
export function isDurationText(text: string): boolean {
  return DURATION.test(text);
}

/** Milliseconds of a config duration (a number is already milliseconds). */
export function durationMs(d: Duration | string): number {
  if (typeof d === 'number') return d;
  const m = DURATION.exec(d.trim());
  if (!m) throw new TypeError(`"${d}" is not a duration such as 500ms, 5s, 2min or 1h`);
  return Number(m[1]) * UNIT_MS[m[2] as DurationUnit];
}

/** A duration for people: 840 ms, 3.2 s, 2 min 5 s. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const min = Math.floor(ms / 60_000);
  return `${min} min ${Math.round((ms % 60_000) / 1000)} s`;
}
