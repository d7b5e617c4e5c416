/** One generated TypeScript module: its imports and its declarations, rendered in a stable order. */
export class SourceFile {
  private readonly dsl = new Set<string>();
  private readonly dslTypes = new Set<string>();
  private readonly local = new Map<string, Set<string>>();
  readonly declarations: string[] = [];

  /** `file` is the module's name without extension, e.g. `public`. */
  constructor(readonly file: string) {}

  useDsl(name: string): string {
    this.dsl.add(name);
    return name;
  }

  useDslType(name: string): string {
    this.dslTypes.add(name);
    return name;
  }

  /** A variable declared in another generated module (nothing to import from this one). */
  useLocal(file: string, name: string): string {
    if (file !== this.file) {
      const names = this.local.get(file) ?? new Set<string>();
      names.add(name);
      this.local.set(file, names);
    }
    return name;
  }

  render(header: string): string {
    const lines = [header, ''];
    const dsl = [...this.dsl].sort().concat([...this.dslTypes].sort().map((t) => `type ${t}`));
    if (dsl.length > 0) lines.push(`import { ${dsl.join(', ')} } from 'pgtide';`);
    for (const file of [...this.local.keys()].sort()) {
      const names = [...(this.local.get(file) ?? [])].sort();
      lines.push(`import { ${names.join(', ')} } from './${file}.js';`);
    }
    return `${lines.join('\n')}\n\n${this.declarations.join('\n\n')}\n`;
  }
}
