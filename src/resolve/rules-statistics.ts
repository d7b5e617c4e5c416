import { objectId } from '../model/ids.js';
import type { ObjectId } from '../model/types.js';
import type { ChangeFacts } from './facts.js';
import { enumColumns, reworkedIds, type ViewSlot } from './views.js';

/**
 * When a rule or statistics object of the desired model is created: in expand, once the contract
 * phase's column work is done ('late'), or at the very end, after rebuilt enums and domains ('final').
 */
export type ReaderStage = 'expand' | 'late' | 'final';

const STAGE_ORDER: readonly ReaderStage[] = ['expand', 'late', 'final'];
const later = (a: ReaderStage, b: ReaderStage): ReaderStage => (STAGE_ORDER.indexOf(a) >= STAGE_ORDER.indexOf(b) ? a : b);
const VIEW_STAGE: Readonly<Record<ViewSlot, ReaderStage>> = { 'create-views': 'expand', 'create-views-late': 'late', 'create-views-final': 'final' };

export interface ReaderStages {
  readonly rules: ReadonlyMap<ObjectId, ReaderStage>;
  readonly statistics: ReadonlyMap<ObjectId, ReaderStage>;
}

/**
 * A rule comes after the views it is on or reads, and after the columns it reads are reworked: a
 * column swapped in contract (online retype) would otherwise still be the old one, whose drop the
 * rule blocks; a column of a rebuilt enum cannot change type while a rule reads it. Statistics
 * follow the columns they cover, which a swap replaces (DROP COLUMN takes the statistics along);
 * an ALTER COLUMN TYPE keeps them, so rebuilt enums do not hold them back.
 */
export function readerStages(f: ChangeFacts, deferred: ReadonlySet<string>, viewSlots: ReadonlyMap<string, ViewSlot>): ReaderStages {
  const reworked = reworkedIds(f, deferred);
  const enumCols = f.to.rule.size === 0 ? new Set<string>() : enumColumns(f.from, f.to);
  const viewStage = (id: ObjectId): ReaderStage | undefined => {
    const slot = viewSlots.get(id);
    return slot === undefined ? undefined : VIEW_STAGE[slot];
  };
  const rules = new Map<ObjectId, ReaderStage>();
  for (const r of f.to.rule.values()) {
    let stage: ReaderStage = 'expand';
    for (const dep of r.dependsOn) {
      const view = viewStage(dep);
      if (view !== undefined) stage = later(stage, view);
      else if (enumCols.has(dep)) stage = 'final';
      else if (reworked.has(dep)) stage = later(stage, 'late');
    }
    rules.set(objectId(r), stage);
  }
  const statistics = new Map<ObjectId, ReaderStage>();
  for (const s of f.to.statistics.values()) {
    let stage: ReaderStage = 'expand';
    for (const dep of s.dependsOn) {
      const view = viewStage(dep);
      if (view !== undefined) stage = later(stage, view);
      else if (reworked.has(dep)) stage = later(stage, 'late');
    }
    statistics.set(objectId(s), stage);
  }
  return { rules, statistics };
}
