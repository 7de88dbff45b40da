// Launcher for the anchoring benchmark: loads the TypeScript through Vite's module runner (Vite is
// already a dependency; no tsx or ts-node needed). Usage:
//   node scripts/bench-anchoring.mjs [--dom=jsdom|happy-dom] [--size=1000000] [--seed=42]
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const entry = fileURLToPath(new URL('./bench-anchoring.ts', import.meta.url));
const { module } = await runnerImport(entry, { configFile: false, logLevel: 'error' });
await module.main(process.argv.slice(2));
