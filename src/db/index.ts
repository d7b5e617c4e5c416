export type { Engine, Queryable, QueryResult } from './queryable.js';
export { classifySource, redactUrl, sourceDisplayName, type DbSource } from './url.js';
export { connectPostgres, redactError, type PostgresOptions } from './postgres.js';
export { openPglite, openSource, scratchPglite, type OpenSourceOptions, type PgliteOpenOptions } from './pglite.js';
export { PGLITE_CONTRIB } from './pglite-contrib.js';
export { cachedTemplatePath, pgliteVersion } from './pglite-template.js';
