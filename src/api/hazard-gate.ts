import { describeChange } from '../diff/describe-change.js';
import { ExitCode, PgtideError } from '../errors.js';
import { holdsBack, type HazardApproval } from '../plan/gate.js';
import { PHASES, type Hazard, type HazardKind, type Phase, type Step } from '../plan/index.js';

export type { HazardApproval } from '../plan/gate.js';

/** Parses `--allow-hazards` (bare flag = all, or a comma list of kinds). */
export function parseHazardApproval(flag: unknown): HazardApproval {
  if (flag === undefined || flag === false) return false;
  if (flag === true || flag === '') return true;
  return String(flag)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean) as HazardKind[];
}

/** One hazard that holds steps back, and those steps by the change they belong to. */
export interface GateHazard {
  readonly hazard: Hazard;
  /** `alter column public.t.a (notNull) [contract ×4]`: each change once, with its steps per phase. */
  readonly steps: readonly string[];
}

/**
 * The hazards that hold the blocked steps back, each once. The steps of one strategy share their
 * hazards (an online SET NOT NULL is four steps with one reason): listed step by step, one reason
 * would be printed four times and read as four problems.
 */
export function gateHazards(blocked: readonly Step[], approval: HazardApproval): GateHazard[] {
  const byHazard = new Map<string, { hazard: Hazard; changes: Map<string, Map<Phase, number>> }>();
  for (const step of blocked) {
    for (const h of step.hazards) {
      if (!holdsBack(h, approval)) continue;
      const key = `${h.kind}\u0000${h.risk}\u0000${h.reason}`;
      const entry = byHazard.get(key) ?? { hazard: h, changes: new Map() };
      byHazard.set(key, entry);
      const label = describeChange(step.source);
      const phases = entry.changes.get(label) ?? new Map<Phase, number>();
      entry.changes.set(label, phases);
      phases.set(step.phase, (phases.get(step.phase) ?? 0) + 1);
    }
  }
  return [...byHazard.values()].map(({ hazard, changes }) => ({
    hazard,
    steps: [...changes].map(([label, phases]) => {
      const where = PHASES.filter((p) => phases.has(p)).map((p) => (phases.get(p)! > 1 ? `${p} ×${phases.get(p)}` : p));
      return `${label} [${where.join(', ')}]`;
    }),
  }));
}

/** The kinds to pass to --allow-hazards for these hazards, sorted, comma-separated. */
export function gateKinds(hazards: readonly GateHazard[]): string {
  return [...new Set(hazards.map((g) => g.hazard.kind))].sort().join(',');
}

/** Lines for each hazard once, then the steps it holds back (the caller indents or prefixes them). */
export function gateLines(hazards: readonly GateHazard[]): string[] {
  return hazards.flatMap((g) => [`- ${g.hazard.kind} (${g.hazard.risk}): ${g.hazard.reason}`, `    holds back: ${g.steps.join('; ')}`]);
}

/** Exit 4 naming each hazard once, the steps it holds back, and the flag that approves them. */
export function hazardGateError(blocked: readonly Step[], approval: HazardApproval = false): PgtideError {
  const hazards = gateHazards(blocked, approval);
  const head = `${blocked.length} step(s) are held back by the hazard gate, for ${hazards.length} hazard(s):`;
  return new PgtideError(
    `${head}\n${gateLines(hazards).map((l) => `  ${l}`).join('\n')}\nReview them, then approve with --allow-hazards ${gateKinds(hazards)} (or --allow-hazards for every kind).`,
    ExitCode.hazard,
  );
}
