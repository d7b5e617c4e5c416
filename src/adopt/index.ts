export { ADAPTERS, parseTool, toPgtideMigrations, withDirectives } from './convert.js';
export { appliedIds, markApplied } from './history.js';
export { TOOLS, type ForeignHistory, type ForeignMigration, type PassedOver, type Tool, type ToolAdapter } from './types.js';
