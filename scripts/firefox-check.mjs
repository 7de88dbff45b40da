// Launcher: loads the TypeScript through Vite's module runner (no tsx needed).
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const entry = fileURLToPath(new URL('./firefox-check.ts', import.meta.url));
const { module } = await runnerImport(entry, { configFile: false, logLevel: 'error' });
const report = await module.main();
console.log(report);
if (/\*\*FAIL\*\*/.test(report)) process.exitCode = 1;
