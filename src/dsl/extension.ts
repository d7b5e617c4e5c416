import { optionalName, requireName } from './name-check.js';
import { captureLocation, type Location } from './location.js';

export const EXTENSION: unique symbol = Symbol.for('pgtide.extension');

export interface ExtensionDef {
  readonly name: string;
  readonly schema: string;
  readonly version: string | null;
  readonly location: Location | null;
}

export interface ExtensionObject {
  readonly [EXTENSION]: ExtensionDef;
  readonly extensionName: string;
}

/** `extension('pgcrypto')`, `extension('ltree', { schema: 'extensions', version: '1.2' })`. */
export function extension(name: string, options: { schema?: string; version?: string } = {}): ExtensionObject {
  requireName('extension name', name);
  optionalName(`schema of extension ${name}`, options.schema);
  optionalName(`version of extension ${name}`, options.version);
  const def: ExtensionDef = {
    name,
    schema: options.schema ?? 'public',
    version: options.version ?? null,
    location: captureLocation(),
  };
  return { [EXTENSION]: def, extensionName: name };
}

export function isExtension(value: unknown): value is ExtensionObject {
  return typeof value === 'object' && value !== null && EXTENSION in value;
}
