import { compile } from 'json-schema-to-typescript';
import type { JsonSchema } from './json-schema.js';

const BANNER = '/* Written by `pgtide types` from generated/schema.json. Do not edit: run `pgtide types` again. */';

/** TypeScript declarations for the JSON Schema: one interface per row, one union per enum. */
export async function typesFromJsonSchema(schema: JsonSchema): Promise<string> {
  // The JSON Schema types are a structural subset of json-schema-to-typescript's input type.
  const input = structuredClone(schema) as Parameters<typeof compile>[0];
  return compile(input, 'Database', {
    bannerComment: BANNER,
    additionalProperties: false,
    unreachableDefinitions: true,
    declareExternallyReferenced: true,
    strictIndexSignatures: true,
    format: true,
    unknownAny: true,
  });
}
