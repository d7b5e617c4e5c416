import { cac } from 'cac';
import { ExitCode, PgtideError, isPgtideError } from '../errors.js';
import { exitCodeAfterOutput, guardOutputStreams, printErr, type GlobalOptions } from './output.js';
import { registerCommands } from './commands/index.js';
import { pgtideVersion } from '../version.js';

function debugEnabled(argv: readonly string[]): boolean {
  return argv.includes('--debug');
}

/** Maps any failure to one paragraph and a documented exit code; stacks only with --debug. */
export function reportError(err: unknown, debug: boolean): number {
  if (isPgtideError(err)) {
    printErr(`pgtide: ${err.message}`);
    if (debug && err.cause instanceof Error && err.cause.stack) printErr(err.cause.stack);
    return err.exitCode;
  }
  if (err instanceof Error && err.name === 'CACError') {
    printErr(`pgtide: ${err.message}. Run "pgtide --help" for the commands and flags.`);
    return ExitCode.usage;
  }
  const message = err instanceof Error ? err.message : String(err);
  printErr(`pgtide: unexpected failure: ${message}${debug ? '' : ' (run again with --debug for details)'}`);
  if (debug && err instanceof Error && err.stack) printErr(err.stack);
  return ExitCode.runtime;
}

export async function main(argv: readonly string[] = process.argv): Promise<number> {
  guardOutputStreams();
  return exitCodeAfterOutput(await run(argv));
}

async function run(argv: readonly string[]): Promise<number> {
  const cli = cac('pgtide');
  cli
    .option('--config <path>', 'Path to schema.config.ts', { default: undefined })
    .option('--database <url>', 'Database: postgres:// URL, libpq host=… dbname=… string, pglite:<dir> or pglite:memory (else DATABASE_URL, the config, or pglite:.pgtide/dev)')
    .option('--format <format>', 'Output format: human, json, sql or markdown (per command)')
    .option('--no-color', 'Disable colors (also NO_COLOR)')
    .option('--debug', 'Show stack traces on errors');
  let exitCode: number = ExitCode.ok;
  registerCommands(cli, (code) => {
    exitCode = code;
  });
  cli.help();
  cli.version(pgtideVersion());
  try {
    cli.parse([...argv], { run: false });
    if (!cli.matchedCommand && cli.args.length > 0) {
      throw new PgtideError(`Unknown command "${cli.args[0]}". Run "pgtide --help" for the list of commands.`, ExitCode.usage);
    }
    if (!cli.matchedCommand && !(cli.options as GlobalOptions & { help?: boolean; version?: boolean }).help && !cli.options.version) {
      cli.outputHelp();
      return ExitCode.ok;
    }
    await cli.runMatchedCommand();
    return exitCode;
  } catch (err) {
    return reportError(err, debugEnabled(argv));
  }
}
