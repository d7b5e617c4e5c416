import { defineConfig } from 'pgtide';

export default defineConfig({
  schema: ['./schema/index.ts'],
  migrations: './generated/migrations',
  lockTimeout: '5s',
  statementTimeout: '1min',
});
