import type { PluginBuild } from 'esbuild';

/**
 * `import … from 'pgtide'` in a user's compiled module is the pgtide already running, handed over
 * through a global: not a second copy of the library, and not even the whole of this one when the
 * module imports only the DSL (as configs and schema files do), which is all a command that never
 * plans (status, apply) then loads.
 */
const INSTANCE = 'pgtide.instance';
/** The property the rest of the package is handed over as; its presence in an output marks the need. */
const FULL = 'full exports';

export interface InstanceNames {
  /** What the DSL exports. */
  readonly dsl: readonly string[];
  /** What else the package exports (the programmatic API). */
  readonly rest: readonly string[];
}

async function dslExports(): Promise<Record<string, unknown>> {
  return (await import('../dsl/index.js')) as Record<string, unknown>;
}

async function allExports(): Promise<Record<string, unknown>> {
  return (await import('../index.js')) as Record<string, unknown>;
}

export async function dslNames(): Promise<string[]> {
  return Object.keys(await dslExports()).sort();
}

export async function restNames(): Promise<string[]> {
  const dsl = new Set(await dslNames());
  return Object.keys(await allExports()).filter((n) => !dsl.has(n)).sort();
}

export async function instanceNames(): Promise<InstanceNames> {
  return { dsl: await dslNames(), rest: await restNames() };
}

/**
 * Resolves `pgtide` to a module re-exporting the DSL's part and the rest's part, each read from the
 * global. Both parts are free of side effects, so the bundler leaves out a part nothing uses.
 */
export function resolvePgtide(b: PluginBuild, names: InstanceNames): void {
  b.onResolve({ filter: /^pgtide$/ }, () => ({ path: 'pgtide', namespace: 'pgtide-instance' }));
  b.onResolve({ filter: /^(dsl|rest)$/, namespace: 'pgtide-instance' }, (args) => ({ path: args.path, namespace: 'pgtide-instance', sideEffects: false }));
  b.onLoad({ filter: /.*/, namespace: 'pgtide-instance' }, (args) => {
    if (args.path === 'pgtide') {
      const reexport = (part: 'dsl' | 'rest'): string => (names[part].length === 0 ? '' : `export { ${names[part].join(', ')} } from '${part}';`);
      return { contents: `${reexport('dsl')}\n${reexport('rest')}\n`, loader: 'js' };
    }
    const part = args.path === 'rest' ? names.rest : names.dsl;
    const source = `globalThis[Symbol.for(${JSON.stringify(INSTANCE)})]${args.path === 'rest' ? `[${JSON.stringify(FULL)}]` : '.dsl'}`;
    const lines = [`const m = ${source};`, ...part.map((name) => (name === 'default' ? 'export default m.default;' : `export const ${name} = m.${name};`))];
    return { contents: lines.join('\n'), loader: 'js' };
  });
}

/** Whether a compiled module reads the rest of the package (see FULL). */
export function usesRest(code: string): boolean {
  return code.includes(JSON.stringify(FULL));
}

/** Hands the running instance to compiled modules: the DSL, and the rest when one of them needs it. */
export async function provideInstance(rest: boolean): Promise<void> {
  const instance = { dsl: await dslExports(), [FULL]: rest ? await allExports() : undefined };
  (globalThis as Record<symbol, unknown>)[Symbol.for(INSTANCE)] = instance;
}
