import { describeChange } from '../diff/describe-change.js';
import { ExitCode, PgtideError } from '../errors.js';
import type { HazardKind, Step } from '../plan/index.js';

export type HazardApproval = boolean | readonly HazardKind[];

/** Parses `--allow-hazards` (bare flag = all, or a comma list of kinds). */
export function parseHazardApproval(flag: unknown): HazardApproval {
  if (flag === undefined || flag === false) return false;
  if (flag === true || flag === '') return true;
  return String(flag)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean) as HazardKind[];
}

/** Exit 4 naming each held-back step, its hazards and the flag that approves them. */
export function hazardGateError(blocked: readonly Step[]): PgtideError {
  const kinds = new Set<string>();
  const lines = blocked.map((step) => {
    for (const h of step.hazards) kinds.add(h.kind);
    const hz = step.hazards.map((h) => `${h.kind} (${h.risk}): ${h.reason}`).join('; ');
    return `  - ${describeChange(step.source)} [${step.phase}]: ${hz}`;
  });
  return new PgtideError(
    `${blocked.length} step(s) are held back by the hazard gate:\n${lines.join('\n')}\nReview them, then approve with --allow-hazards ${[...kinds].sort().join(',')} (or --allow-hazards for every kind).`,
    ExitCode.hazard,
  );
}
