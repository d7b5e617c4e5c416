import { enumType, integer, schema, table } from '../../src/dsl/index.js';
import { runScenarios, type Scenario } from './harness.js';

function tickets(values: readonly string[], name = 'mood', def?: string) {
  const mood = enumType(name, values);
  const col = def === undefined ? mood() : mood().default(def);
  return { mood, t: table('tickets', { id: integer().primaryKey(), mood: col }) };
}

const scenarios: Scenario[] = [
  {
    name: 'enum created, value added at the end',
    versions: [
      { schema: () => tickets(['sad', 'ok']), rows: `INSERT INTO tickets VALUES (1, 'sad'), (2, 'ok')` },
      { schema: () => tickets(['sad', 'ok', 'happy']), rows: `INSERT INTO tickets VALUES (3, 'happy')` },
    ],
  },
  {
    name: 'enum value added before another (BEFORE) and at the front',
    versions: [
      { schema: () => tickets(['sad', 'happy']), rows: `INSERT INTO tickets VALUES (1, 'happy')` },
      { schema: () => tickets(['awful', 'sad', 'ok', 'happy']), rows: `INSERT INTO tickets VALUES (2, 'ok')` },
      { schema: () => tickets(['awful', 'sad', 'ok', 'fine', 'happy']) },
    ],
  },
  {
    name: 'enum value removed (rebuild) with a default and rows',
    versions: [
      { schema: () => tickets(['sad', 'ok', 'happy'], 'mood', 'ok'), rows: `INSERT INTO tickets VALUES (1, 'sad'), (2, 'happy')` },
      {
        schema: () => tickets(['sad', 'happy'], 'mood', 'happy'),
        check: { sql: 'SELECT mood::text FROM tickets ORDER BY id', rows: [{ mood: 'sad' }, { mood: 'happy' }] },
      },
    ],
  },
  {
    name: 'enum renamed via a hint keeps its rows',
    versions: [
      { schema: () => tickets(['sad', 'ok']), rows: `INSERT INTO tickets VALUES (1, 'ok')` },
      {
        schema: () => {
          const feeling = enumType('feeling', ['sad', 'ok']).renamedFrom('mood');
          return { feeling, t: table('tickets', { id: integer().primaryKey(), mood: feeling() }) };
        },
        sqlHas: [/ALTER TYPE public\.mood RENAME TO feeling/],
        check: { sql: 'SELECT mood::text FROM tickets', rows: [{ mood: 'ok' }] },
      },
    ],
  },
  {
    name: 'enum array column and enum in another schema, then dropped',
    versions: [
      {
        schema: () => {
          const app = schema('app');
          const level = app.enumType('level', ['low', 'high']);
          return { app, level, t: app.table('alerts', { id: integer().primaryKey(), level: level().notNull(), history: level().array() }) };
        },
        rows: `INSERT INTO app.alerts VALUES (1, 'low', '{low,high}')`,
      },
      {
        schema: () => {
          const app = schema('app');
          const level = app.enumType('level', ['low', 'mid', 'high']);
          return { app, level, t: app.table('alerts', { id: integer().primaryKey(), level: level().notNull(), history: level().array() }) };
        },
      },
      {
        schema: () => {
          const app = schema('app');
          return { app, t: app.table('alerts', { id: integer().primaryKey() }) };
        },
      },
    ],
  },
];

runScenarios('enums', scenarios);
