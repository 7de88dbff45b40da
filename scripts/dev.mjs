// `npm run dev`: serves the sample articles on 127.0.0.1 and starts WXT's dev runner, which
// opens Chromium with Verbatim loaded on the English sample article (hot reload on save).
import { spawn } from 'node:child_process';
import { serveDir } from '../tests/support/static-server.mjs';

const { origin, close } = await serveDir(new URL('../tests/fixtures', import.meta.url).pathname, 5174).catch(
  () => serveDir(new URL('../tests/fixtures', import.meta.url).pathname, 0),
);
const start = `${origin}/article-en.html`;
console.log(`Sample articles: ${start} and ${origin}/article-fr.html`);

const wxt = spawn('npx', ['wxt', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, VERBATIM_START_URL: start },
});
const stop = () => wxt.kill('SIGINT');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
wxt.on('exit', async (code) => {
  await close();
  process.exit(code ?? 0);
});
