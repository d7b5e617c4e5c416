/**
 * How database sources appear in what the CLI prints: a label that never shows a password, the kind
 * of source a string names, and the redaction every printed line goes through (db/url.ts). Loaded
 * at start-up by the CLI's output, so it stays this small.
 */
export { classifySource, redactSecrets, redactUrl, sourceLabel } from '../db/url.js';
