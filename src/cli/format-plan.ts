import { describeChange, PHASES } from '../api/display.js';
import { renderStep } from '../api/step-sql.js';
import type { RenameSuggestion } from '../diff/change.js';
import type { Hazard, Plan, Risk, Step } from '../plan/index.js';
import type { Colors } from './output.js';
import { mdDetails, mdFence, mdText } from './markdown.js';
import { createdRelations, shownLock, stepLabel, stepRelation } from './step-label.js';

const RISK_ORDER: Record<Risk, number> = { low: 0, medium: 1, high: 2 };

export function stepRisk(step: Step): Risk | null {
  let worst: Risk | null = null;
  for (const h of step.hazards) if (worst === null || RISK_ORDER[h.risk] > RISK_ORDER[worst]) worst = h.risk;
  return worst;
}

function riskLabel(c: Colors, risk: Risk | null): string {
  switch (risk) {
    case null:
      return c.dim('safe');
    case 'low':
      return c.green('low');
    case 'medium':
      return c.yellow('medium');
    case 'high':
      return c.red('high');
    default: {
      const never: never = risk;
      return never;
    }
  }
}

function stepFlags(step: Step, created: ReadonlySet<string>): string {
  const relation = stepRelation(step.op);
  const onNewTable = relation !== null && created.has(relation);
  const lock = shownLock(step, created);
  return [
    lock === null ? null : `lock ${lock}`,
    step.transactional ? null : 'no transaction',
    step.batch ? `batches of ${step.batch.size}` : null,
    step.rewrites === 'none' || onNewTable ? null : step.rewrites,
  ].filter(Boolean).join(', ');
}

/** The human view of a plan: phase by phase, each step with its lock, risk and one line per hazard. */
export function formatPlanHuman(plan: Plan, c: Colors, title: string): string {
  if (plan.steps.length === 0) return `${title}\n${c.green('No changes.')} The schema is up to date.`;
  const out = [title];
  const created = createdRelations(plan);
  const shown = new Set<string>();
  for (const phase of PHASES) {
    const steps = plan.steps.filter((s) => s.phase === phase);
    if (steps.length === 0) continue;
    out.push('', c.bold(`${phase} (${steps.length} step${steps.length === 1 ? '' : 's'})`));
    for (const step of steps) {
      const flags = stepFlags(step, created);
      out.push(`  ${c.cyan('•')} ${stepLabel(step)}  [${riskLabel(c, stepRisk(step))}]${flags ? c.dim(`  ${flags}`) : ''}`);
      // Steps of one strategy share their hazards, across phases too: each reason is printed once, at its first step.
      for (const h of step.hazards) {
        const key = hazardKey(h);
        if (!shown.has(key)) out.push(`      ${riskMark(c, h.risk)} ${h.kind}: ${h.reason}`);
        shown.add(key);
      }
      out.push(c.dim(indent(renderStep(step), '      ')));
    }
  }
  out.push(...formatSuggestions(plan.suggestions, c));
  return out.join('\n');
}

const hazardKey = (h: Hazard): string => `${h.kind}\u0000${h.risk}\u0000${h.reason}`;

function riskMark(c: Colors, risk: Risk): string {
  return risk === 'high' ? c.red('!') : risk === 'medium' ? c.yellow('!') : c.dim('i');
}

export function formatSuggestions(suggestions: readonly RenameSuggestion[], c: Colors): string[] {
  if (suggestions.length === 0) return [];
  return ['', c.yellow('Possible renames (planned as drop + create):'), ...suggestions.map((s) => `  ${s.kind} ${s.from} → ${s.to}: ${s.hint}`)];
}

/**
 * A pull-request comment: per phase, a table of its steps and, collapsed under it, the phase's SQL.
 * Names are escaped (markdown.ts): a backtick or `|` in one must not end a code span or split a cell.
 */
export function formatPlanMarkdown(plan: Plan, title: string): string {
  if (plan.steps.length === 0) return `### ${mdText(title)}\n\nNo changes.`;
  const out = [`### ${mdText(title)}`];
  const created = createdRelations(plan);
  const shown = new Set<string>();
  for (const phase of PHASES) {
    const steps = plan.steps.filter((s) => s.phase === phase);
    if (steps.length === 0) continue;
    out.push('', `#### ${phase}`, '', '| step | lock | risk | hazards |', '|---|---|---|---|');
    for (const s of steps) {
      const hz = s.hazards.map((h) => {
        const first = !shown.has(hazardKey(h));
        shown.add(hazardKey(h));
        return first ? mdText(`${h.kind}: ${h.reason}`) : `${h.kind} (as above)`;
      });
      out.push(`| ${mdText(stepLabel(s))} | ${shownLock(s, created) ?? '—'} | ${stepRisk(s) ?? 'safe'} | ${hz.join('<br>') || '—'} |`);
    }
    const sql = steps.map((s) => `${s.transactional ? '' : '-- pgtide:no-transaction\n'}${renderStep(s)}`).join('\n');
    out.push('', mdDetails(`${phase} SQL (${steps.length} step${steps.length === 1 ? '' : 's'})`, mdFence(sql, 'sql')));
  }
  if (plan.suggestions.length > 0) {
    out.push('', 'Possible renames (planned as drop + create):', '', ...plan.suggestions.map((r) => `- ${mdText(`${r.kind} ${r.from} → ${r.to}: ${r.hint}`)}`));
  }
  return out.join('\n');
}

export function planJson(plan: Plan): unknown {
  return {
    steps: plan.steps.map((s) => ({
      phase: s.phase,
      change: s.source.kind,
      summary: describeChange(s.source),
      op: s.op.kind,
      step: stepLabel(s),
      sql: renderStep(s),
      lock: s.lock,
      rewrites: s.rewrites,
      transactional: s.transactional,
      batch: s.batch,
      timeouts: s.timeouts,
      risk: stepRisk(s),
      hazards: s.hazards,
    })),
    suggestions: plan.suggestions,
    // How each column type change runs: in place, a rewrite under ACCESS EXCLUSIVE (and why), or a shadow column.
    typeChanges: plan.typeChanges,
  };
}

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}
