// Launcher: loads the TypeScript through Vite's module runner (no tsx needed).
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const entry = fileURLToPath(new URL('./bench-pagecost.ts', import.meta.url));
const { module } = await runnerImport(entry, { configFile: false, logLevel: 'error' });
console.log(await module.main());
