import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { modelJsonSchema } from '../codegen/json-schema.js';
import { typesFromJsonSchema } from '../codegen/types.js';
import type { Model } from '../model/types.js';
import { loadDesired } from './desired.js';
import type { Project } from './project.js';
import { loadSourceModel, parseSource } from './sources.js';

export const DEFAULT_JSON_SCHEMA = 'generated/schema.json';
export const DEFAULT_TYPES = 'generated/types.ts';

export interface TypesOptions {
  /** Any source; default: the project's declared schema. */
  readonly from?: string;
}

export interface TypesResult {
  readonly jsonSchemaPath: string;
  readonly typesPath: string;
  readonly tables: number;
}

/** Writes JSON Schema of the rows, then the TypeScript types compiled from it. */
export async function generateTypes(project: Project, opts: TypesOptions = {}): Promise<TypesResult> {
  const model: Model = opts.from
    ? await loadSourceModel(parseSource(opts.from, process.cwd(), '--from'), { schemas: project.config.schemas })
    : await loadDesired(project);
  const schema = modelJsonSchema(model);
  const types = await typesFromJsonSchema(schema);
  const jsonSchemaPath = path.resolve(project.root, project.config.types?.jsonSchema ?? DEFAULT_JSON_SCHEMA);
  const typesPath = path.resolve(project.root, project.config.types?.output ?? DEFAULT_TYPES);
  await mkdir(path.dirname(jsonSchemaPath), { recursive: true });
  await mkdir(path.dirname(typesPath), { recursive: true });
  await writeFile(jsonSchemaPath, `${JSON.stringify(schema, null, 2)}\n`);
  await writeFile(typesPath, types);
  return { jsonSchemaPath, typesPath, tables: model.table.size };
}
