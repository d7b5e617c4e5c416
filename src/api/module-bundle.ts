import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Message, OnResolveArgs, Plugin } from 'esbuild';
import { usageError } from '../errors.js';
import { writeAtomically } from '../util/write-atomically.js';
import { moduleFormat } from './module-format.js';
import { dslNames, instanceNames, resolvePgtide, restNames, usesRest, type InstanceNames } from './pgtide-instance.js';
import { pgtideVersion } from '../version.js';

/**
 * Users' TypeScript modules (the config, the schema files) compiled by esbuild into one ES module
 * per call, stored by a key of what went into it and reused while every input file still has the
 * bytes it was compiled from. Nothing is registered with Node's loaders: the compiled module is an
 * ordinary .mjs file, and `import … from 'pgtide'` in it is the pgtide instance already running
 * (see pgtide-instance.ts), so the library is not loaded a second time.
 *
 * What a user's module can rely on, whatever its package.json says: relative imports with or
 * without `.js`, `.ts`/`.mts`/`.cts`/`.js` files, JSON, tsconfig `paths`, packages from its own
 * node_modules (left to Node, resolved from the module's folder; a package that ships TypeScript
 * sources, as a workspace package may, is compiled in), `require`, `import.meta.url`,
 * `__dirname` and `__filename` of the file itself.
 */

// v1: one ES module per call, externals as absolute paths, pgtide from pgtide-instance.ts.
const FORMAT = 'pgtide-module-cache-v1';
/** Compiled modules are a few KB; this many covers configs and schemas of several projects. */
const KEEP = 64;

/** A file the compiled module depends on: its hash, or null when only its existence matters. */
interface Input {
  readonly file: string;
  readonly hash: string | null;
}

interface Manifest {
  readonly format: string;
  readonly output: string;
  readonly inputs: readonly Input[];
  /** pgtide's exports it was compiled against. */
  readonly names: InstanceNames;
  /** Whether it imports more of pgtide than the DSL. */
  readonly rest: boolean;
}

export interface CompiledModule {
  /** The .mjs file; importing it evaluates every entry and exports them as `modules`, in order. */
  readonly file: string;
  /** Its source map, with the user's files as absolute paths. */
  readonly map: string;
  /** The user's files that went into it (for naming the one an error came from). */
  readonly sources: readonly string[];
  /** Whether it imports more of pgtide than the DSL. */
  readonly rest: boolean;
}

const hashOf = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

let compilerMemo: string | undefined;
/** This file's own code: how modules are compiled changes with it, whatever the version says. */
function compilerHash(): string {
  compilerMemo ??= hashOf(readFileSync(fileURLToPath(import.meta.url)));
  return compilerMemo;
}

/** The key of one compilation: the entries, and everything about pgtide the output depends on. */
function cacheKey(entries: readonly string[]): string {
  return hashOf(JSON.stringify([FORMAT, pgtideVersion(), compilerHash(), process.platform, entries]));
}

/**
 * The compiled module of `entries`, from the cache when every input still matches, else compiled
 * now (exit 2 naming file:line:column when esbuild cannot read a file).
 */
export async function compileModules(entries: readonly string[], cacheDir: string): Promise<CompiledModule> {
  const key = cacheKey(entries);
  const manifestFile = path.join(cacheDir, `${key}.json`);
  const cached = await validManifest(manifestFile);
  if (cached !== null) return compiledModule(cacheDir, cached);

  const outfile = path.join(cacheDir, `${key}.mjs`);
  const names = await instanceNames();
  const { code, map, inputs } = await build(entries, names, outfile);
  const output = `${key}-${hashOf(code).slice(0, 16)}.mjs`;
  const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
  await writeAtomically(path.join(cacheDir, `${output}.map`), encode(map));
  await writeAtomically(path.join(cacheDir, output), encode(code));
  const manifest: Manifest = { format: FORMAT, output, inputs, names, rest: usesRest(code) };
  await writeAtomically(manifestFile, encode(JSON.stringify(manifest)));
  await prune(cacheDir);
  return compiledModule(cacheDir, manifest);
}

function compiledModule(cacheDir: string, manifest: Manifest): CompiledModule {
  const file = path.join(cacheDir, manifest.output);
  return { file, map: `${file}.map`, sources: manifest.inputs.map((i) => i.file), rest: manifest.rest };
}

async function validManifest(file: string): Promise<Manifest | null> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(file, 'utf8')) as Manifest;
  } catch {
    return null;
  }
  const output = path.join(path.dirname(file), manifest.output);
  if (manifest.format !== FORMAT || !existsSync(output) || !existsSync(`${output}.map`)) return null;
  for (const input of manifest.inputs) {
    if (input.hash === null ? !existsSync(input.file) : currentHash(input.file) !== input.hash) return null;
  }
  // A pgtide whose exports changed (a rebuilt checkout) compiles afresh: an import of a name it no
  // longer has must fail to compile, not read undefined.
  const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((n, i) => n === b[i]);
  if (!same(manifest.names.dsl, await dslNames())) return null;
  if (manifest.rest && !same(manifest.names.rest, await restNames())) return null;
  return manifest;
}

function currentHash(file: string): string | null {
  try {
    return hashOf(readFileSync(file));
  } catch {
    return null;
  }
}

/** Drops the oldest manifests (and their outputs) beyond KEEP. */
async function prune(dir: string): Promise<void> {
  const manifests = (await readdir(dir)).filter((f) => f.endsWith('.json'));
  if (manifests.length <= KEEP) return;
  const aged = await Promise.all(manifests.map(async (f) => ({ f, t: (await stat(path.join(dir, f)).catch(() => null))?.mtimeMs ?? 0 })));
  aged.sort((a, b) => b.t - a.t);
  const outputs = await readdir(dir);
  for (const { f } of aged.slice(KEEP)) {
    const key = f.slice(0, -'.json'.length);
    await rm(path.join(dir, f), { force: true });
    for (const out of outputs.filter((o) => o.startsWith(`${key}-`))) await rm(path.join(dir, out), { force: true });
  }
}

const SOURCE = /\.[cm]?[jt]sx?$/;
const TYPESCRIPT = /\.[cm]?tsx?$/;
/** A package name: not a relative, absolute or file: specifier. */
const BARE = /^(?![./]|[a-zA-Z]:[\\/]|file:)/;
const RESOLVING = Symbol('pgtide.resolving');
const BUILTINS = new Set(builtinModules);

/** The names a module's own `import.meta.url`, `__dirname`, … are rewritten to (see onLoad). */
const META = {
  'import.meta.url': '__pgtide_meta_url',
  'import.meta.filename': '__pgtide_meta_filename',
  'import.meta.dirname': '__pgtide_meta_dirname',
  __filename: '__pgtide_meta_filename',
  __dirname: '__pgtide_meta_dirname',
} as const;

async function build(entries: readonly string[], names: InstanceNames, outfile: string): Promise<{ code: string; map: string; inputs: Input[] }> {
  const esbuild = await import('esbuild');
  const inputs = new Map<string, Input>();
  const configMemo = new Map<string, Input[]>();
  const plugin: Plugin = {
    name: 'pgtide-user-modules',
    setup(b) {
      resolvePgtide(b, names);
      // The package itself, required by the module required() below stands for.
      b.onResolve({ filter: /.*/, namespace: 'pgtide-require' }, (args) => ({ path: args.path, external: true }));
      b.onLoad({ filter: /.*/, namespace: 'pgtide-require' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
      // A module may import a file by URL, as Node lets it; the bundler reads paths.
      b.onResolve({ filter: /^file:\/\// }, (args) => ({ path: fileURLToPath(args.path) }));
      b.onResolve({ filter: /.*/ }, async (args: OnResolveArgs) => {
        if (args.pluginData === RESOLVING || args.namespace !== 'file' || !BARE.test(args.path)) return undefined;
        if (args.path.startsWith('node:') || BUILTINS.has(args.path)) return { path: args.path, external: true };
        const found = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: RESOLVING });
        if (found.errors.length > 0 || found.external) return found;
        // TypeScript sources of a package (a workspace package) are compiled in; anything else is Node's to load.
        if (TYPESCRIPT.test(found.path) && !found.path.endsWith('.d.ts')) return found;
        inputs.set(found.path, { file: found.path, hash: null });
        if (args.kind === 'require-call' || args.kind === 'require-resolve') return { path: found.path, external: true };
        if (moduleFormat(found.path) === 'module') return { path: pathToFileURL(found.path).href, external: true };
        // A CommonJS package is required, as a TypeScript compiler targeting CommonJS would: Node's
        // import of it sees only the names its lexer finds, and a named import of any other failed.
        return { path: found.path, namespace: 'pgtide-require' };
      });
      b.onLoad({ filter: SOURCE }, async (args) => {
        const text = await readFile(args.path);
        inputs.set(args.path, { file: args.path, hash: hashOf(text) });
        for (const config of resolutionConfigs(path.dirname(args.path), configMemo)) inputs.set(config.file, config);
        return { contents: withOwnMeta(args.path, text.toString('utf8')), loader: loaderOf(args.path) };
      });
      b.onLoad({ filter: /\.json$/ }, async (args) => {
        const text = await readFile(args.path);
        inputs.set(args.path, { file: args.path, hash: hashOf(text) });
        return { contents: text, loader: 'json' };
      });
    },
  };
  const stdin = [
    ...entries.map((file, i) => `import * as m${i} from ${JSON.stringify(file)};`),
    `export const modules = [${entries.map((_, i) => `m${i}`).join(', ')}];`,
    // An unbound use reserves the name, so esbuild renames a user's own top-level `require` instead
    // of letting it clash with the banner's.
    'void require;',
  ].join('\n');
  try {
    const result = await esbuild.build({
      stdin: { contents: stdin, resolveDir: path.dirname(entries[0]!), sourcefile: 'pgtide-entry.js', loader: 'js' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: `node${process.versions.node}`,
      outfile,
      sourcemap: 'external',
      sourcesContent: false,
      logLevel: 'silent',
      define: META,
      banner: { js: `import { createRequire as __pgtideCreateRequire } from 'node:module';\nconst require = __pgtideCreateRequire(import.meta.url);` },
      plugins: [plugin],
    });
    const code = result.outputFiles.find((f) => f.path.endsWith('.mjs'))!.text;
    const map = JSON.parse(result.outputFiles.find((f) => f.path.endsWith('.map'))!.text) as { sources: string[] };
    // Absolute, so that a frame maps to the user's file wherever the map is read from.
    map.sources = map.sources.map((s) => path.resolve(path.dirname(outfile), s));
    return { code, map: JSON.stringify(map), inputs: [...inputs.values()] };
  } catch (err) {
    const errors = (err as { errors?: Message[] }).errors;
    if (!Array.isArray(errors) || errors.length === 0) throw err;
    throw usageError(`${errors.map(describeMessage).join('; ')}. Fix the file and run the command again.`, err);
  }
}

function describeMessage(m: Message): string {
  const loc = m.location;
  if (loc === null) return m.text;
  const file = path.isAbsolute(loc.file) || loc.file.startsWith('<') ? loc.file : path.resolve(loc.file);
  return `${file}:${loc.line}:${loc.column + 1}: ${m.text}`;
}

function loaderOf(file: string): 'ts' | 'tsx' | 'js' | 'jsx' {
  const ext = path.extname(file);
  if (ext.endsWith('tsx')) return 'tsx';
  if (ext.endsWith('ts')) return 'ts';
  return ext.endsWith('jsx') ? 'jsx' : 'js';
}

/**
 * The module's text with its own file's URL, path and folder bound to the names `define` rewrites
 * `import.meta.url`, `__dirname`, … to: in a bundle those would otherwise be the cache file's. The
 * binding goes on the first line (after a hashbang) so that no line number moves.
 */
function withOwnMeta(file: string, text: string): string {
  const prefix = `var ${META['import.meta.url']} = ${JSON.stringify(pathToFileURL(file).href)}, ${META.__filename} = ${JSON.stringify(file)}, ${META.__dirname} = ${JSON.stringify(path.dirname(file))};`;
  if (!text.startsWith('#!')) return prefix + text;
  const end = text.indexOf('\n');
  return end === -1 ? text : `${text.slice(0, end + 1)}${prefix}${text.slice(end + 1)}`;
}

/** The nearest tsconfig.json and package.json above a folder: they decide how its imports resolve. */
function resolutionConfigs(dir: string, configMemo: Map<string, Input[]>): Input[] {
  const memo = configMemo.get(dir);
  if (memo !== undefined) return memo;
  const found: Input[] = [];
  for (const name of ['tsconfig.json', 'package.json']) {
    for (let d = dir; ; d = path.dirname(d)) {
      const file = path.join(d, name);
      if (existsSync(file)) {
        found.push({ file, hash: currentHash(file) });
        break;
      }
      if (path.dirname(d) === d) break;
    }
  }
  configMemo.set(dir, found);
  return found;
}
