import type { CAC } from 'cac';

export type SetExit = (code: number) => void;

/**
 * Commands are registered eagerly but their implementations (PGlite, tsx, the whole pipeline) are
 * imported only when one runs, so `pgtide --help` stays fast.
 */
export function registerCommands(cli: CAC, setExit: SetExit): void {
  cli
    .command('plan', 'Show what would change, phase by phase, with locks, risk and hazards')
    .option('--from <source>', 'Plan from "migrations" (replayed) or any source instead of the database')
    .action(async (opts) => setExit(await (await import('./plan.js')).runPlan(opts)));

  cli
    .command('generate [name]', 'Write the next migration folder and update pgtide.sum')
    .option('--allow-hazards [kinds]', 'Approve hazardous steps: all, or a comma list (data-loss,rewrite,…)')
    .action(async (name: string | undefined, opts) => setExit(await (await import('./generate.js')).runGenerate(name, opts)));

  cli
    .command('verify', 'Replay all migrations in PGlite: up → down → up, and the result must equal the schema')
    .action(async (opts) => setExit(await (await import('./verify.js')).runVerify(opts)));

  cli
    .command('check', 'Exit 1 when the schema has changes that have not been generated as a migration')
    .action(async (opts) => setExit(await (await import('./check.js')).runCheck(opts)));

  cli
    .command('diff <from> <to>', 'Print the SQL that turns one source into another')
    .option('--allow-hazards [kinds]', 'Include hazardous steps: all, or a comma list of kinds')
    .option('--exit-code', 'Exit 1 when there is any difference')
    .example('pgtide diff postgres://localhost/a postgres://localhost/b --allow-hazards')
    .example('pgtide diff migrations:generated/migrations schema/index.ts --format json')
    .action(async (from: string, to: string, opts) => setExit(await (await import('./diff.js')).runDiff(from, to, opts)));
}
