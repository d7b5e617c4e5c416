/**
 * JavaScript names and literals for generated TypeScript source. This is JS syntax, not SQL: SQL
 * text inside the generated code is carried verbatim in sql`…` templates and never quoted here.
 */

const JS_RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
  'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield',
  'let', 'static', 'implements', 'interface', 'package', 'private', 'protected', 'public', 'await', 'arguments',
  'eval', 'undefined', 'NaN', 'Infinity', 'Object', 'Array', 'String', 'Number', 'Boolean', 'Date', 'Map', 'Set',
  'Symbol', 'Error', 'JSON', 'Math', 'Promise',
]);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !JS_RESERVED.has(name);
}

/** `post_tags` → `postTags`, `UserProfile` → `userProfile`; never empty, never starting with a digit. */
export function camelCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  const joined = words
    .map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('');
  if (joined.length === 0) return 'object';
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

export function pascalCase(name: string): string {
  const camel = camelCase(name).replace(/^_/, '');
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

/** Hands out distinct variable names; the first taker of a name keeps it. */
export class NameAllocator {
  private readonly used: Set<string>;

  constructor(reserved: Iterable<string> = []) {
    this.used = new Set(reserved);
  }

  take(preferred: readonly string[]): string {
    for (const candidate of preferred) {
      if (isIdentifier(candidate) && !this.used.has(candidate)) {
        this.used.add(candidate);
        return candidate;
      }
    }
    const base = preferred[0] && isIdentifier(preferred[0]) ? preferred[0] : `${preferred[0] ?? 'object'}_`.replace(/^([0-9])/, '_$1');
    for (let i = 2; ; i++) {
      const candidate = `${base}${i}`;
      if (isIdentifier(candidate) && !this.used.has(candidate)) {
        this.used.add(candidate);
        return candidate;
      }
    }
  }
}

/** A JS string literal. */
export function str(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}'`;
}

/** An object key: bare when it is an identifier name, quoted otherwise. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : str(name);
}

/** `obj.name` or `obj['na me']`. */
export function member(object: string, name: string): string {
  return IDENTIFIER.test(name) ? `${object}.${name}` : `${object}[${str(name)}]`;
}

/**
 * SQL text as a sql`…` template. The tag reads the cooked strings, so backslashes, backticks and
 * `${` are escaped and the fragment's text is exactly the input.
 */
export function sqlTemplate(text: string): string {
  return `sql\`${text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\``;
}
