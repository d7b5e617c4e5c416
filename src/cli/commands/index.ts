import type { CAC } from 'cac';

export type SetExit = (code: number) => void;

/**
 * Commands are registered eagerly but their implementations (PGlite, esbuild, the whole pipeline) are
 * imported only when one runs, so `pgtide --help` stays fast.
 */
export function registerCommands(cli: CAC, setExit: SetExit): void {
  cli
    .command('plan', 'Show what would change, phase by phase, with locks, risk and hazards')
    .option('--from <source>', 'Plan from "migrations" (replayed) or any source instead of the database')
    .option('--allow-empty-schema', 'Go on when the schema files declare nothing but the database (or --from) holds objects (all would be dropped)')
    .action(async (opts) => setExit(await (await import('./plan.js')).runPlan(opts)));

  cli
    .command('generate [name]', 'Write the next migration folder and update pgtide.sum')
    .option('--allow-hazards [kinds]', 'Approve hazardous steps: all, or a comma list (data-loss,rewrite,…)')
    .option('--allow-empty-schema', 'Go on when the schema files declare nothing but the migrations create objects (all would be dropped)')
    .action(async (name: string | undefined, opts) => setExit(await (await import('./generate.js')).runGenerate(name, opts)));

  cli
    .command('verify', 'Replay all migrations in PGlite: up → down → up where there is a down.sql, and the result must equal the schema')
    .action(async (opts) => setExit(await (await import('./verify.js')).runVerify(opts)));

  cli
    .command('check', 'Exit 1 when the schema has changes that have not been generated as a migration')
    .option('--allow-empty-schema', 'Go on when the schema files declare nothing but the migrations create objects (all would be dropped)')
    .action(async (opts) => setExit(await (await import('./check.js')).runCheck(opts)));

  cli
    .command('apply', 'Apply pending migrations: expand, migrate, contract, recorded in pgtide.migrations')
    .option('--phase <phase>', 'expand, migrate, contract or all (default all; contract runs only after expand and migrate)')
    .option('--to <version>', 'Apply migrations up to and including this version')
    .option('--dry-run', 'Print exactly what would run, change nothing')
    .option('--allow-out-of-order', 'Apply a pending migration older than one already applied')
    .action(async (opts) => setExit(await (await import('./apply.js')).runApply(opts)));

  cli
    .command('status', 'A summary, then the pending, partial and problem migrations phase by phase')
    .option('--all', 'List every migration, applied ones too (--format json always does)')
    .action(async (opts) => setExit(await (await import('./status.js')).runStatus(opts)));

  cli
    .command('drift', 'Exit 1 when the database differs from what its applied migrations produce')
    .action(async (opts) => setExit(await (await import('./drift.js')).runDrift(opts)));

  cli
    .command('rollback', 'Run down.sql of the newest applied migration whose contract has not run')
    .option('--dry-run', 'Print the down.sql that would run, change nothing')
    .option('--allow-hazards [kinds]', 'Approve what down.sql loses: data-loss (dropping tables or columns that hold data)')
    .action(async (opts) => setExit(await (await import('./rollback.js')).runRollback(opts)));

  cli
    .command('init', 'Scaffold schema.config.ts, schema/index.ts and generated/ in the current folder')
    .option('--from-database [url]', 'Pull the schema of an existing database (default: --database, DATABASE_URL)')
    .action(async (opts) => setExit(await (await import('./init.js')).runInit(opts)));

  cli
    .command('pull', 'Write TypeScript schema modules that declare what the database holds')
    .option('--out <dir>', 'Folder for the modules (default: the config\'s schema folder, else ./schema)')
    .option('--force', 'Overwrite schema files already in that folder')
    .action(async (opts) => setExit(await (await import('./pull.js')).runPull(opts)));

  cli
    .command('types', 'Write generated/schema.json (JSON Schema of rows) and generated/types.ts')
    .option('--from <source>', 'Generate from any source instead of the declared schema')
    .action(async (opts) => setExit(await (await import('./types.js')).runTypes(opts)));

  cli
    .command('baseline [name]', 'Adopt a database without pgtide history: pull, and a baseline migration recorded as applied')
    .option('--force', 'Overwrite schema files already in the schema folder')
    .action(async (name: string | undefined, opts) => setExit(await (await import('./baseline.js')).runBaseline(name, opts)));

  cli
    .command('import <dir>', 'Turn another tool\'s SQL migration history into pgtide migration folders')
    .option('--from <tool>', 'prisma, drizzle, flyway, goose, dbmate or diesel')
    .example('pgtide import prisma/migrations --from prisma')
    .example('pgtide import db/migrations --from dbmate --database postgres://localhost/app')
    .action(async (dir: string, opts) => setExit(await (await import('./import.js')).runImport(dir, opts)));

  cli
    .command('diff <from> <to>', 'Print the SQL that turns one source into another')
    .option('--allow-hazards [kinds]', 'Include hazardous steps: all, or a comma list of kinds')
    .option('--exit-code', 'Exit 1 when there is any difference')
    .option('--column-order <mode>', "append (default): new columns go last; exact: rebuild tables to the target's column order")
    .example('pgtide diff postgres://localhost/a postgres://localhost/b --allow-hazards')
    .example('pgtide diff migrations:generated/migrations schema/index.ts --format json')
    .action(async (from: string, to: string, opts) => setExit(await (await import('./diff.js')).runDiff(from, to, opts)));
}
