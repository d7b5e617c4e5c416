import { readdirSync, readFileSync } from 'node:fs';
import { CATALOG_COVERAGE, NOT_COMPARED_YET, type ColumnUse } from '../../src/introspect/coverage.js';
import { KIND_TRAITS, KINDS } from '../../src/model/kinds.js';
import type { Kind } from '../../src/model/types.js';
import { fieldPath, IDENTITY_FIELDS, KIND_RULES, NESTED_RULES, ruleText } from './coverage-rules.js';

const src = (dir: string): string =>
  readdirSync(new URL(`../../src/${dir}/`, import.meta.url))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(new URL(`../../src/${dir}/${f}`, import.meta.url), 'utf8'))
    .join('\n');

/** Whether a source reads a field through an accessor (`x.field`) or destructures it (`{ field }`, `field:`). */
function reads(source: string, field: string): boolean {
  return new RegExp(`\\.${field}\\b|[{,]\\s*${field}\\s*[,}:]`).test(source);
}

// The properties that become TypeScript row types (src/codegen/json-schema.ts): a table's columns,
// an enum's values, a composite type's attributes; nothing else is typed.
const TYPED: ReadonlySet<string> = new Set(['table.columns', 'enum.values', 'composite-type.attributes']);
const typedKind = (kind: Kind): boolean => [...TYPED].some((t) => t.startsWith(`${kind}.`));

// pull (src/codegen/pull-sql.ts declaredInDsl) writes as SQL every kind the DSL does not declare, and of the DSL
// kinds only tables the DSL cannot express, with their constraints and indexes; the other DSL kinds are always DSL.
const pulledAsSql = (kind: Kind): boolean => !KIND_TRAITS[kind].declaredInDsl || ['table', 'constraint', 'index'].includes(kind);

interface Sources {
  /** src/plan and src/sql: where a field becomes statements. */
  readonly sql: string;
  readonly codegen: string;
  readonly jsonSchema: string;
}

const yes = (b: boolean): string => (b ? 'yes' : 'no');

/** The catalog columns feeding each `kind.field` (top-level field, or `columns[].x` for a table's columns). */
function feeding(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [catalog, columns] of Object.entries(CATALOG_COVERAGE)) {
    for (const [column, use] of Object.entries(columns)) {
      if (!('fed' in use)) continue;
      for (const fed of use.fed) {
        const [head, sub] = fieldPath(fed.field);
        const nested = NESTED_RULES[`${fed.kind}.${head}`] !== undefined && sub !== undefined;
        const key = `${fed.kind}.${nested ? `${head}[].${sub}` : head}`;
        const via = fed.via === undefined ? '' : ` (${fed.via})`;
        const list = out.get(key) ?? [];
        const text = `\`${catalog}.${column}\`${via}`;
        if (!list.includes(text)) list.push(text);
        out.set(key, list);
      }
    }
  }
  return out;
}

function row(kind: Kind, label: string, field: string, rule: unknown, from: Map<string, string[]>, s: Sources): string {
  const compared = field === 'dependsOn' ? 'orders the plan (not compared)' : ruleText(rule);
  const rendered = reads(s.sql, field);
  const dsl = KIND_TRAITS[kind].declaredInDsl && reads(s.codegen, field);
  const pulled = dsl ? 'DSL' : rendered && pulledAsSql(kind) ? 'SQL' : 'no';
  const [head] = fieldPath(label);
  const typed = TYPED.has(`${kind}.${head}`) ? yes(reads(s.jsonSchema, field)) : '—';
  const sources = from.get(`${kind}.${label}`) ?? [];
  return `| ${label} | ${compared} | ${sources.length === 0 ? '—' : sources.join(', ')} | ${yes(rendered)} | ${pulled} | ${typed} |`;
}

function reasonOf(use: ColumnUse): string | null {
  if ('notCompared' in use) return use.notCompared;
  return use.note?.startsWith(NOT_COMPARED_YET) ? use.note : null;
}

function versions(use: ColumnUse): string {
  if (use.since !== undefined) return ` (PostgreSQL ${use.since / 10000}+)`;
  if (use.until !== undefined) return ` (before PostgreSQL ${use.until / 10000})`;
  return '';
}

/** docs/coverage.md: per kind, every compared property; per catalog, every column not compared and why. */
export function coverageMarkdown(): string {
  const s: Sources = { sql: `${src('plan')}\n${src('plan/strategies')}\n${src('sql')}`, codegen: src('codegen'), jsonSchema: readFileSync(new URL('../../src/codegen/json-schema.ts', import.meta.url), 'utf8') };
  const from = feeding();
  const lines = [
    '# Coverage: what pgtide compares, per kind and per catalog column',
    '',
    'Generated from `src/introspect/coverage.ts` by `test/introspect/coverage.test.ts`',
    '(`PGTIDE_WRITE_COVERAGE=1 npx vitest run test/introspect/coverage.test.ts` rewrites it; every run checks it is current).',
    'That test lists each catalog\'s columns as the server has them (PGlite 18, and PostgreSQL 15 when',
    '`PGTIDE_TEST_DATABASE_URL` is set) and fails when a column is neither read into a compared field nor named below with a reason.',
    '',
    'Per kind, every property the differ compares (`src/diff/guard.ts`: one rule per model field):',
    '- **compared**: how a difference is applied (`alter` in place, `recreate` drop and create, `nested` by its own differ, `per pair` decided per change);',
    '- **read from**: the catalog columns its reader selects, with the server function it goes through;',
    '- **rendered**: whether `src/plan` or `src/sql` (where a change becomes statements) read the field;',
    '- **pulled**: `DSL` when `src/codegen` writes it into a kind `pgtide pull` declares in TypeScript, `SQL` when it reaches the',
    '  pulled source only as the statements the renderer writes (every kind `pull` does not declare, and the objects of DSL kinds',
    '  it writes as SQL), `no` when neither reads it;',
    '- **typed**: whether `src/codegen/json-schema.ts` (`pgtide types`) reads it; only tables\' columns, enums\' values and composite',
    '  types\' attributes become TypeScript types, other properties show `—`.',
    '',
    'These three are found from the source (the field read as `x.field` or destructured), so they say the code reads the',
    'field, not that every value round-trips: the round-trip tests in `test/objects` prove that.',
    '',
  ];
  for (const kind of KINDS) {
    lines.push(`## ${kind}`, '', '| property | compared | read from | rendered | pulled | typed |', '|---|---|---|---|---|---|');
    const rules = KIND_RULES[kind];
    for (const id of IDENTITY_FIELDS) {
      const sources = from.get(`${kind}.${id}`);
      const pulled = KIND_TRAITS[kind].declaredInDsl ? 'DSL' : 'SQL';
      if (sources !== undefined) lines.push(`| ${id} | identity | ${sources.join(', ')} | yes | ${pulled} | ${typedKind(kind) ? 'yes' : '—'} |`);
    }
    for (const [field, rule] of Object.entries(rules)) {
      lines.push(row(kind, field, field, rule, from, s));
      const nested = NESTED_RULES[`${kind}.${field}`];
      if (nested === undefined) continue;
      for (const [sub, subRule] of Object.entries(nested)) lines.push(row(kind, `${field}[].${sub}`, sub, subRule, from, s));
    }
    lines.push('');
  }
  lines.push('## Catalog columns not compared', '', 'Reasons that start with "not compared yet" are gaps: properties users can set that pgtide does not read yet.', '');
  for (const [catalog, columns] of Object.entries(CATALOG_COVERAGE)) {
    lines.push(`### ${catalog}`, '');
    for (const [column, use] of Object.entries(columns)) {
      const reason = reasonOf(use);
      if (reason !== null) lines.push(`- \`${column}\`${versions(use)}: ${reason}`);
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
