/**
 * Comparison of two `pg_dump --schema-only` outputs as the corpus README defines it: comments, SET
 * lines and blank lines do not count. pg_dump 15.14+/17.6+ also brackets the script with
 * `\restrict <random key>` / `\unrestrict <key>`, which differ on every run and are dropped too.
 */
const IGNORED_LINE: readonly RegExp[] = [
  /^--/,
  /^SET\s/,
  /^SELECT pg_catalog\.set_config\('search_path', '', false\);$/,
  /^\\(un)?restrict\s/,
];

export function normalizeDump(dump: string): string[] {
  return dump
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+$/, ''))
    .filter((line) => line.trim() !== '' && !IGNORED_LINE.some((re) => re.test(line)));
}

export interface DumpComparison {
  readonly equal: boolean;
  /** Lines (with multiplicity) the migrated side lacks / has in excess; empty when equal. */
  readonly missing: readonly string[];
  readonly extra: readonly string[];
  /** 1-based line of the first difference in the normalized dumps, when they differ. */
  readonly firstDifferenceAt: number | null;
}

function countLines(lines: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

function surplus(of: Map<string, number>, over: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [line, n] of of) {
    for (let k = (over.get(line) ?? 0); k < n; k += 1) out.push(line);
  }
  return out;
}

/** `actual` is the migrated database, `expected` the one built from the target SQL. */
export function compareDumps(actual: string, expected: string): DumpComparison {
  const a = normalizeDump(actual);
  const b = normalizeDump(expected);
  let first = -1;
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if (a[i] !== b[i]) {
      first = i;
      break;
    }
  }
  if (first === -1) return { equal: true, missing: [], extra: [], firstDifferenceAt: null };
  const ca = countLines(a);
  const cb = countLines(b);
  return { equal: false, missing: surplus(cb, ca), extra: surplus(ca, cb), firstDifferenceAt: first + 1 };
}

function clip(text: string, max: number): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

// A column list line differs only by its trailing comma when a neighbour line changed; such lines
// make poor examples of what is wrong.
const punctuationFree = (line: string): string => line.replace(/,$/, '');

/** The most telling line of `lines`: one whose counterpart is not merely re-punctuated in `other`. */
function example(lines: readonly string[], other: readonly string[]): string | undefined {
  const otherKeys = new Set(other.map(punctuationFree));
  return lines.find((l) => !otherKeys.has(punctuationFree(l))) ?? lines[0];
}

/** One line for a report: what the migrated database lacks and has in excess. */
export function describeDumpDifference(cmp: DumpComparison): string {
  if (cmp.equal) return 'dumps are equal';
  if (cmp.missing.length === 0 && cmp.extra.length === 0) {
    return `same statements in a different order (from normalized line ${cmp.firstDifferenceAt ?? '?'})`;
  }
  const parts: string[] = [];
  const lacks = example(cmp.missing, cmp.extra);
  const has = example(cmp.extra, cmp.missing);
  if (lacks !== undefined) parts.push(`lacks ${cmp.missing.length} line(s), e.g. \`${clip(lacks, 90)}\``);
  if (has !== undefined) parts.push(`has ${cmp.extra.length} extra, e.g. \`${clip(has, 90)}\``);
  return `dump differs: migrated database ${parts.join('; ')}`;
}
