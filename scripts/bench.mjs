// `npm run bench`: every benchmark, one after the other, each printing a markdown table.
// Speed goals live here, not in timed tests. The Chromium ones need `npm run build` first
// (this script builds, into .output-bench) and Debian's chromium at /usr/bin/chromium.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// A build of its own, with the performance measures the content script takes only in benchmark
// builds (a page must not read them from its timeline in the user's build).
const env = { ...process.env, VITE_VERBATIM_BENCH: '1', VERBATIM_OUT_DIR: process.env.VERBATIM_OUT_DIR ?? '.output-bench' };
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
};

const only = process.argv.slice(2);
const benches = [
  ['anchoring', ['scripts/bench-anchoring.mjs']],
  ['chromium', ['scripts/bench-chromium.mjs']],
  ['pagecost', ['scripts/bench-pagecost.mjs']],
  ['search', ['scripts/bench-search.mjs']],
  ['review', ['scripts/bench-review.mjs']],
  ['export', ['scripts/bench-export.mjs']],
];

run('npx', ['wxt', 'build']);
for (const [name, args] of benches) {
  if (only.length && !only.includes(name)) continue;
  if (!existsSync(args[0])) continue;
  console.log(`\n## ${name}\n`);
  run('node', ['--expose-gc', ...args]);
}
