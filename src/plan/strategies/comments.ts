import type { Change } from '../../diff/change.js';
import { place, type Placed } from '../build.js';
import { op, type CommentTarget } from '../ops.js';
import type { Slot } from '../slots.js';

/** COMMENT ON for a changed (or newly set) comment; reversible to the previous comment. */
export function commentStep(
  source: Change,
  target: CommentTarget,
  from: string | null,
  to: string | null,
  slot: Slot = 'comments',
): Placed[] {
  if (from === to) return [];
  return [place(slot, source, op('comment-on', { target, comment: to }), {
    reverse: op('comment-on', { target, comment: from }),
  })];
}
