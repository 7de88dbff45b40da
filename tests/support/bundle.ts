/**
 * What a built extension page loads before it runs (issue #17: heavy libraries only on demand):
 * the scripts its HTML names and, recursively, the chunks they import statically. A chunk only
 * `import()`ed is not in it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/** The files (relative to `dir`) the page `html` loads before it runs, and those it may `import()` later. */
export function pageChunks(dir: string, html: string): { loaded: string[]; onDemand: string[] } {
  const page = readFileSync(join(dir, html), 'utf8');
  const entries = [...page.matchAll(/<script\b[^>]*\bsrc="([^"]+)"|<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/gu)].map((m) => (m[1] ?? m[2])!.replace(/^\//u, ''));
  const loaded = new Set<string>();
  const onDemand = new Set<string>();
  const walk = (file: string) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    // Static imports as Vite writes them, minified: `import{a as b}from"./x.js"`, `import"./y.js"`.
    for (const m of code.matchAll(/\bimport\s*(?:[\w$]+\s*,?\s*)?(?:\{[^}]*\}|\*\s*as\s+[\w$]+)?\s*(?:from\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/gu)) walk(normalize(join(dirname(file), m[1]!)));
    for (const m of code.matchAll(/\bimport\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/gu)) onDemand.add(normalize(join(dirname(file), m[1]!)));
  };
  entries.forEach(walk);
  return { loaded: [...loaded], onDemand: [...onDemand].filter((f) => !loaded.has(f)) };
}
