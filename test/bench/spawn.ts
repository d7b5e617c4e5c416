/**
 * Runs a command as a child process and measures it from the outside: wall time, and peak resident
 * memory as GNU time reports it (`%M`, KiB) when /usr/bin/time exists.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const GNU_TIME = '/usr/bin/time';

export interface Measured {
  readonly ms: number;
  readonly peakKiB: number | null;
  /** User + system CPU time of the command, when /usr/bin/time reports it. */
  readonly cpuMs: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface SpawnOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Exit codes that count as success (default: 0 only). */
  readonly okCodes?: readonly number[];
}

export async function measure(cmd: string, args: readonly string[], opts: SpawnOptions = {}): Promise<Measured> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pgtide-bench-'));
  const timeFile = path.join(dir, 'time');
  const useTime = existsSync(GNU_TIME);
  const [file, argv] = useTime ? [GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, cmd, ...args]] : [cmd, [...args]];
  try {
    const start = performance.now();
    const { code, stdout, stderr } = await run(file, argv, opts);
    const ms = performance.now() - start;
    if (!(opts.okCodes ?? [0]).includes(code)) {
      throw new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${stderr.slice(-2000)}`);
    }
    // The last line is ours ("Command exited with non-zero status" may come before it).
    const fields = useTime ? ((await readFile(timeFile, 'utf8')).trim().split('\n').pop() ?? '').split(' ').map(Number) : [];
    const [peak, user, system] = fields;
    const cpu = user !== undefined && system !== undefined ? (user + system) * 1000 : Number.NaN;
    return { ms, peakKiB: peak !== undefined && Number.isFinite(peak) ? peak : null, cpuMs: Number.isFinite(cpu) ? cpu : null, stdout, stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(file: string, args: readonly string[], opts: SpawnOptions): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

/** Measures `runs` times and keeps the median time and the highest peak memory. */
export interface MeasuredRuns {
  readonly ms: number[];
  readonly cpuMs: number[];
  readonly peakKiB: number | null;
  readonly last: Measured;
}

export async function measureRuns(runs: number, cmd: string, args: readonly string[], opts: SpawnOptions = {}): Promise<MeasuredRuns> {
  const ms: number[] = [];
  const cpuMs: number[] = [];
  let peak: number | null = null;
  let last: Measured | null = null;
  for (let i = 0; i < runs; i++) {
    last = await measure(cmd, args, opts);
    ms.push(last.ms);
    if (last.cpuMs !== null) cpuMs.push(last.cpuMs);
    if (last.peakKiB !== null) peak = Math.max(peak ?? 0, last.peakKiB);
  }
  if (last === null) throw new Error('measureRuns: runs must be at least 1');
  return { ms, cpuMs, peakKiB: peak, last };
}
