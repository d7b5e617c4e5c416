import { ALL_KINDS, BASE_KINDS } from './classify.js';
import type { EngineName } from './engine.js';
import type { CaseResult, Outcome } from './run-case.js';

export interface Tally {
  pass: number;
  refused: number;
  fail: number;
  notRunnable: number;
}

export interface SummaryRow {
  readonly label: string;
  readonly byEngine: ReadonlyMap<EngineName, Tally>;
}

export interface RunInfo {
  readonly engines: ReadonlyMap<EngineName, string>;
  readonly caseCount: number;
  readonly filtered: boolean;
  readonly seconds: number;
  readonly startedAt: Date;
}

function emptyTally(): Tally {
  return { pass: 0, refused: 0, fail: 0, notRunnable: 0 };
}

const TALLY_FIELD: Record<Outcome, keyof Tally> = {
  pass: 'pass',
  refused: 'refused',
  fail: 'fail',
  'not-runnable': 'notRunnable',
};

export function isInScope(r: CaseResult): boolean {
  return r.notCovered.length === 0;
}

function tallyRow(label: string, engines: readonly EngineName[], results: readonly CaseResult[]): SummaryRow {
  const byEngine = new Map<EngineName, Tally>(engines.map((e) => [e, emptyTally()]));
  for (const r of results) {
    const t = byEngine.get(r.engine);
    if (t) t[TALLY_FIELD[r.outcome]] += 1;
  }
  return { label, byEngine };
}

/** Totals first (all, in scope, not yet covered), then one row per kind that occurs. */
export function summarize(results: readonly CaseResult[], engines: readonly EngineName[]): SummaryRow[] {
  const rows = [
    tallyRow('all cases', engines, results),
    tallyRow('in scope (base kinds only)', engines, results.filter(isInScope)),
    tallyRow('not yet covered', engines, results.filter((r) => !isInScope(r))),
  ];
  for (const kind of ALL_KINDS) {
    const withKind = results.filter((r) => r.kinds.includes(kind));
    if (withKind.length > 0) rows.push(tallyRow(kind, engines, withKind));
  }
  return rows;
}

export function isFailure(r: CaseResult): boolean {
  return r.outcome === 'fail' || r.outcome === 'not-runnable';
}

/** 1 when an in-scope case fails (any failure or unrunnable case with strict), else 0. */
export function exitCodeFor(results: readonly CaseResult[], strict: boolean): number {
  const bad = strict ? results.filter(isFailure) : results.filter((r) => r.outcome === 'fail' && isInScope(r));
  return bad.length > 0 ? 1 : 0;
}

function scopeNote(r: CaseResult): string {
  return isInScope(r) ? 'in scope' : `not yet covered: ${r.notCovered.join(', ')}`;
}

/** Failing and unrunnable results, in-scope ones first, then by case and engine. */
export function failures(results: readonly CaseResult[]): CaseResult[] {
  return results
    .filter(isFailure)
    .sort((x, y) => Number(isInScope(y)) - Number(isInScope(x)) || x.caseId.localeCompare(y.caseId) || x.engine.localeCompare(y.engine));
}

export function failureLines(results: readonly CaseResult[]): string[] {
  return failures(results).map(
    (r) => `${r.outcome === 'fail' ? 'FAIL' : 'N/A '} ${r.engine.padEnd(6)} ${r.caseId} — ${r.reason ?? 'no reason'} [${scopeNote(r)}]`,
  );
}

function cell(t: Tally | undefined): string {
  if (!t) return '-';
  const total = t.pass + t.refused + t.fail + t.notRunnable;
  const refused = t.refused > 0 ? ` (${t.refused} refused)` : '';
  const na = t.notRunnable > 0 ? ` +${t.notRunnable} n/a` : '';
  return `${t.pass + t.refused}/${t.fail}/${total}${refused}${na}`;
}

function tableRows(rows: readonly SummaryRow[], engines: readonly EngineName[]): string[][] {
  return rows.map((row) => [row.label, ...engines.map((e) => cell(row.byEngine.get(e)))]);
}

/** Plain-text table for the terminal. */
export function renderTextTable(rows: readonly SummaryRow[], engines: readonly EngineName[]): string {
  const header = ['kind', ...engines.map((e) => `${e} pass/fail/total`)];
  const body = tableRows(rows, engines);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** Table-cell safe text: reasons quote SQL, which must neither end a cell nor open a code span. */
function escapeMd(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/`/g, "'").replace(/</g, '&lt;').replace(/\*/g, '\\*');
}

const LEGEND = [
  'Cells read `pass/fail/total`; pass includes cases pgtide refused that the source tool refuses too',
  '("refused"); "n/a" counts cases a side of which does not load on that engine (pgtide is never',
  'asked; they are in the total, not in pass or fail). A case counts once in every kind it involves,',
  'as read from the catalogs of its loaded databases. "In scope" means only base kinds:',
  `${[...BASE_KINDS].join(', ')}.`,
];

const METHOD_NOTES = [
  '## Method notes',
  '',
  '- PostgreSQL: one fresh database per side from template0, loaded and migrated with',
  '  `psql -X -v ON_ERROR_STOP=1` (the CLI contract for `pgtide diff --allow-hazards`), dumped with the',
  '  system pg_dump. Roles from meta.json are created before a case and dropped after its last user.',
  '- PGlite: one fresh in-memory instance per side (roles created in each), scripts split into',
  '  statements and run one by one as psql would, dumped with the WASM pg_dump of',
  '  @electric-sql/pglite-tools. Each instance has a single session, so after every script and dump the',
  '  runner rolls back any open transaction and resets session settings, as closing the session would.',
  '- "Refused" requires a PgtideError from the diff; any other exception is a failure.',
  '- Cases are diffed with `columnOrder: \'exact\'` (`pgtide diff --column-order exact`): the pass compares',
  '  pg_dump output, which lists columns in order. pgtide\'s default, `append`, adds new columns last.',
  '- `expect_empty_plan` cases (and pgkit "empty diff" cases) fail when the first diff has changes. The',
  '  pgkit column-order cases expect an empty diff between tables whose columns are in different orders,',
  '  while their dumps differ: no column order mode passes both checks.',
  '- migra\'s additions.sql / expected2.sql re-diff step is not part of the pass definition and is not run.',
  '',
];

/** docs/conformance.md: generated, with the same table and failure list as the terminal output. */
export function renderMarkdown(results: readonly CaseResult[], engines: readonly EngineName[], info: RunInfo): string {
  const rows = summarize(results, engines);
  const out: string[] = [
    '<!-- Generated by `npm run conformance` (test/conformance/run.ts). Do not edit by hand. -->',
    '# Conformance against the shared schema-diff corpus',
    '',
    '_This file is generated by `npm run conformance`; edits are overwritten on the next full run._',
    '',
    `Generated ${info.startedAt.toISOString()} from ${info.caseCount} cases${info.filtered ? ' (filtered run)' : ''} in ${info.seconds.toFixed(0)} s.`,
    '',
    ...[...info.engines].map(([name, desc]) => `- \`${name}\`: ${escapeMd(desc)}`),
    '',
    'A case passes when pgtide\'s migration from before.sql (database A) to after.sql (database B) applies',
    'to A, `pg_dump --schema-only` of A equals that of B (or of expected_final_state.sql) ignoring comments,',
    'SET lines and blank lines, and a second diff finds nothing (see ../shared/corpus/README.md).',
    '',
    ...LEGEND,
    '',
    ...METHOD_NOTES,
    '## Results per kind',
    '',
    `| kind | ${engines.map((e) => `${e} pass/fail/total`).join(' | ')} |`,
    `|---|${engines.map(() => '---').join('|')}|`,
    ...tableRows(rows, engines).map((r) => `| ${r.map(escapeMd).join(' | ')} |`),
    '',
    '## Failing and unrunnable cases',
    '',
  ];
  const failed = failures(results);
  if (failed.length === 0) out.push('None.');
  else out.push('| case | engine | outcome | reason | scope |', '|---|---|---|---|---|');
  for (const r of failed) {
    out.push(`| \`${r.caseId}\` | ${r.engine} | ${r.outcome} | ${escapeMd(r.reason ?? '')} | ${escapeMd(scopeNote(r))} |`);
  }
  out.push('');
  return out.join('\n');
}
