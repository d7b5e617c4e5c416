/**
 * Generic keyed differ: pairs entries of two maps by key. Output order follows the keys, sorted, so
 * every caller gets deterministic results whatever the maps' insertion order.
 */
export interface KeyedDiff<T> {
  readonly added: readonly (readonly [string, T])[];
  readonly removed: readonly (readonly [string, T])[];
  readonly common: readonly (readonly [string, T, T])[];
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function diffKeyed<T>(from: ReadonlyMap<string, T>, to: ReadonlyMap<string, T>): KeyedDiff<T> {
  const added: (readonly [string, T])[] = [];
  const removed: (readonly [string, T])[] = [];
  const common: (readonly [string, T, T])[] = [];
  for (const [key, value] of from) {
    const other = to.get(key);
    if (other === undefined) removed.push([key, value]);
    else common.push([key, value, other]);
  }
  for (const [key, value] of to) if (!from.has(key)) added.push([key, value]);
  const byKey = (x: readonly [string, ...unknown[]], y: readonly [string, ...unknown[]]): number => compareKeys(x[0], y[0]);
  return { added: added.sort(byKey), removed: removed.sort(byKey), common: common.sort(byKey) };
}

/** Lists keyed by a function (columns by name), for diffKeyed. Duplicate keys are an error. */
export function keyBy<T>(items: readonly T[], key: (item: T) => string, what: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (map.has(k)) throw new Error(`diff: duplicate ${what} ${k}`);
    map.set(k, item);
  }
  return map;
}
