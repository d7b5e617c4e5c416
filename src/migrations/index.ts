export { MigrationFormatError } from './errors.js';
export { splitStatements, type Statement, type StatementDirectives } from './split.js';
export { formatDuration, type StatementLimits } from './directives.js';
export {
  FILE_NAMES,
  MIGRATION_FILES,
  PHASE_FILES,
  PLAN_FILE,
  SUM_FILE,
  folderName,
  isSlug,
  newVersion,
  parseFolderName,
  parseVersion,
  slugify,
  type MigrationFileKind,
  type MigrationPhaseFile,
} from './layout.js';
export { serializePlan, validatePlan, type PlanHazard, type PlanJson, type PlanRisk, type PlanStep, type PlanTarget } from './plan-json.js';
export { readMigrations, writeMigration, type MigrationFolder, type NewMigration } from './folder.js';
export { checkSum, computeSum, formatSum, parseSum, writeSum, type Sum, type SumEntry, type SumProblem, type SumProblemKind } from './sum.js';
export { createdExtensions } from './extensions.js';
export { migrationDir, type EntryKind, type MigrationDir } from './dir.js';
export { LocalDir } from './local-dir.js';
export { MemDir } from './mem-dir.js';
