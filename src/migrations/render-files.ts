import { describeChange } from '../diff/describe-change.js';
import { isLongRunning, PHASES, type Phase, type Plan, type Step } from '../plan/index.js';
import { formatDuration } from './directives.js';
import { breaksCommentLine, commentText } from '../sql/ident.js';
import { quoteQualified, renderReverse, renderStep } from '../sql/index.js';
import type { Change } from '../diff/change.js';
import type { PlanJson } from './folder.js';
import type { PlanTarget } from './plan-json.js';

export interface MigrationFiles {
  readonly files: Partial<Record<Phase | 'down', string>>;
  readonly plan: PlanJson;
}

const PHASE_NOTE: Record<Phase, string> = {
  expand: 'additive and backward compatible: apply before the new application version ships',
  migrate: 'data work (batched backfills): apply after expand, while both versions may run',
  contract: 'destructive and tightening steps: apply once the old application version is gone',
};

/**
 * The batch directive's table only gives apply a row estimate for its progress line. A quoted name
 * keeps its characters as they are, so one holding a line break would end the directive: such a
 * table is left out, and apply shows the rows done without an estimate of the total.
 */
function batchDirective(batch: NonNullable<Step['batch']>): string {
  const { schema, name } = batch.table;
  if (breaksCommentLine(schema) || breaksCommentLine(name)) return `-- pgtide:batch size=${batch.size}`;
  return `-- pgtide:batch size=${batch.size} table=${quoteQualified(schema, name)}`;
}

/** One comment line: whatever the text holds, it cannot end the comment or look like it does. */
function comment(text: string): string {
  return `-- ${commentText(text)}`;
}

function directives(step: Step): string[] {
  const lines: string[] = [];
  if (step.batch) lines.push(batchDirective(step.batch));
  else if (!step.transactional) lines.push('-- pgtide:no-transaction');
  if (isLongRunning(step)) lines.push(`-- pgtide:timeout statement=${formatDuration(step.timeouts.statementMs)}`);
  return lines;
}

/** The object plan.json records for a step whose reverse can destroy data (see PlanTarget). */
function stepTarget(change: Change): { target?: PlanTarget } {
  switch (change.kind) {
    case 'table.create':
      return { target: { schema: change.to.schema, name: change.to.name } };
    case 'column.add':
      return { target: { schema: change.table.schema, name: change.table.name, column: change.to.name } };
    case 'column.alter':
      return { target: { schema: change.table.schema, name: change.table.name, column: change.to.name, fields: [...change.fields] } };
    case 'sequence.create':
      return { target: { schema: change.to.schema, name: change.to.name } };
    default:
      return {};
  }
}

function stepComment(step: Step): string[] {
  const lines = [comment(describeChange(step.source))];
  for (const h of step.hazards) lines.push(comment(`hazard ${h.kind} (${h.risk}): ${h.reason}`));
  return lines;
}

/**
 * Turns a plan into the reviewable files of one migration folder. Each statement carries a comment
 * naming the change it comes from and its hazards, then its directives, so a reviewer sees in the
 * SQL itself what the planner decided and why.
 */
export function renderMigrationFiles(plan: Plan, header: { version: string; name: string; fromHash: string; toHash: string }): MigrationFiles {
  const files: Partial<Record<Phase | 'down', string>> = {};
  const steps: PlanJson['steps'] = [];
  for (const phase of PHASES) {
    const inPhase = plan.steps.filter((s) => s.phase === phase);
    if (inPhase.length === 0) continue;
    const body = inPhase.map((step, index) => {
      steps.push({
        phase,
        file: `${phase}.sql`,
        index,
        lock: step.lock,
        rewrites: step.rewrites,
        transactional: step.transactional,
        batch: step.batch ? { size: step.batch.size } : null,
        hazards: step.hazards.map((h) => ({ kind: h.kind, risk: h.risk, reason: h.reason })),
        change: step.source.kind,
        summary: describeChange(step.source),
        ...stepTarget(step.source),
      });
      return [...stepComment(step), ...directives(step), renderStep(step)].join('\n');
    });
    files[phase] = `${comment(`${header.version} ${header.name}: ${phase} (${PHASE_NOTE[phase]})`)}\n\n${body.join('\n\n')}\n`;
  }
  const down = renderDown(plan);
  if (down) files.down = `${comment(`${header.version} ${header.name}: down (reverses expand and migrate while contract has not run)`)}\n\n${down}\n`;
  return { files, plan: { pgtide: 1, from: header.fromHash, to: header.toHash, steps } };
}

function renderDown(plan: Plan): string {
  const reversible = plan.steps.filter((s) => s.phase !== 'contract').reverse();
  const parts: string[] = [];
  for (const step of reversible) {
    const sql = renderReverse(step);
    if (sql === null) {
      parts.push(comment(`cannot be reversed automatically: ${describeChange(step.source)}`));
      continue;
    }
    const lines = [comment(`undo: ${describeChange(step.source)}`)];
    if (!step.transactional) lines.push('-- pgtide:no-transaction');
    lines.push(sql);
    parts.push(lines.join('\n'));
  }
  return parts.join('\n\n');
}
