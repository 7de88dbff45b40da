import { validateStyle } from 'csl-validator-wasm';
import { readFileSync } from 'node:fs';
for (const f of process.argv.slice(2)) console.log(f, JSON.stringify(await validateStyle(readFileSync(f, 'utf8'))));
