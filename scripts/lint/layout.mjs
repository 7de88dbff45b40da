// Launcher: loads the TypeScript through Vite's module runner (no tsx needed). Runs the layout's
// rules (layout.ts) and checks that the docs name only paths that exist (doc-paths.ts).
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const load = async (name) => (await runnerImport(fileURLToPath(new URL(name, import.meta.url)), { configFile: false, logLevel: 'error' })).module;
const codes = [(await load('./layout.ts')).main(), (await load('./doc-paths.ts')).main()];
process.exitCode = Math.max(...codes);
