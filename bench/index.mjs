// `npm run bench [-- name…]`: every benchmark (or the ones named), one after the other, each in a
// process of its own, each printing a markdown table. Speed goals live here, not in timed tests.
// The Chromium ones need Debian's chromium at /usr/bin/chromium and a build: this script makes one,
// into .output-bench (or $VERBATIM_OUT_DIR).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// A build of its own, with the performance measures the content script takes only in benchmark
// builds (a page must not read them from its timeline in the user's build).
const env = { ...process.env, VITE_VERBATIM_BENCH: '1', VERBATIM_OUT_DIR: process.env.VERBATIM_OUT_DIR ?? '.output-bench' };
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
};

const BENCHES = ['anchoring', 'chromium', 'pagecost', 'search', 'review', 'export', 'tracking', 'sync', 'speaker', 'quote-groups', 'project-export', 'card'];
const only = process.argv.slice(2);
const unknown = only.filter((name) => !BENCHES.includes(name));
if (unknown.length) {
  console.error(`No benchmark named ${unknown.join(', ')}: choose among ${BENCHES.join(', ')}.`);
  process.exit(2);
}

run('npx', ['wxt', 'build']);
for (const name of BENCHES) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n## ${name}\n`);
  run('node', ['--expose-gc', fileURLToPath(new URL('./run.mjs', import.meta.url)), name]);
}
