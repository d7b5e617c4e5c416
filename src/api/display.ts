/**
 * Words for what the CLI prints: the one line that describes a change, the phases in order,
 * durations for people, and text made safe for a comment line. The CLI reaches the stages below
 * only through api/; these are the small pieces it formats with. Kept light (no renderer, no
 * database driver), since most commands load it.
 */
export { describeChange } from '../diff/describe-change.js';
export { PHASES } from '../plan/step.js';
export { commentText } from '../sql/ident.js';
export { formatMs } from '../util/duration.js';
