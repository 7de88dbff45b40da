// One benchmark, in this process: `node --expose-gc bench/run.mjs <name> [--flags]`, where name is
// a module of bench/ (anchoring, search and export run as they are; chromium, pagecost and review
// need a build first, which `npm run bench` makes). Loads bench/<name>.ts through Vite's module
// runner (Vite is already a dependency: no tsx or ts-node) and prints the table its main() returns.
// `--expose-gc` makes the memory figures comparable (a collection before each step).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const [name, ...args] = process.argv.slice(2);
const entry = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
if (!name || !existsSync(entry)) {
  console.error('usage: node --expose-gc bench/run.mjs <anchoring|chromium|pagecost|search|review|export|tracking|sync|speaker|quote-groups|project-export|card|compare-search> [--flags]');
  process.exit(2);
}
const { module } = await runnerImport(entry, { configFile: false, logLevel: 'error' });
const table = await module.main(args);
if (typeof table === 'string') console.log(table);
