#!/usr/bin/env node
// The CLI runs from the compiled dist/ so that `pgtide --help` starts fast; `npm install` builds it.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('pgtide: dist/ is missing. Run "npm install" (or "npm run build") in the pgtide folder first.\n');
  process.exit(3);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
