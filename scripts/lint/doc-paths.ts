/**
 * The documentation names only paths that exist (issue #13): a newcomer who follows the README or
 * a page of docs/ to `utils/messaging/rpc.ts` must find it there, not a file moved or renamed
 * since. `npm run lint` runs it over README.md and every Markdown file under docs/;
 * tests/lint/doc-paths.test.ts shows it catching a missing path.
 *
 * A path is a repository path in backquotes that starts with one of the repository's folders
 * (`utils/db/repo.ts`, `tests/e2e/`, `entrypoints/{popup,sidepanel}/`: braces are expanded), or
 * the target of a relative Markdown link (`[Security](docs/security.md#…)`, resolved from the
 * page). Patterns (`*`, `<n>`), `:line` suffixes and paths git ignores (build output,
 * screenshots) are passed over.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const FOLDERS = /^(?:utils|entrypoints|components|hooks|tests|scripts|bench|docs|public)\//;
/** What .gitignore leaves out of the repository: named in docs, never there in a fresh clone. */
const IGNORED = /^(?:\.output[^/]*|\.wxt|node_modules|tests\/e2e\/__screenshots__)(?:\/|$)/;

export interface MissingPath {
  file: string;
  line: number;
  path: string;
}

/** `a/{b,c}/d` → `a/b/d`, `a/c/d`. */
export function expandBraces(path: string): string[] {
  const m = /\{([^{}]*)\}/.exec(path);
  if (!m) return [path];
  return m[1]!.split(',').flatMap((part) => expandBraces(path.slice(0, m.index) + part + path.slice(m.index + m[0].length)));
}

/** The repository paths a Markdown page at `file` names, with their lines, as repository paths. */
export function pathsNamedIn(markdown: string, file: string): Array<{ path: string; line: number }> {
  const out: Array<{ path: string; line: number }> = [];
  markdown.split('\n').forEach((text, i) => {
    for (const m of text.matchAll(/`([^`\s]+)`/g)) {
      const raw = m[1]!.replace(/:\d+(?:-\d+)?$/, '').replace(/[.,;:]+$/, '');
      if (!FOLDERS.test(raw) || /[*<>…]/.test(raw)) continue;
      for (const path of expandBraces(raw)) out.push({ path, line: i + 1 });
    }
    for (const m of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
      const target = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:…
      out.push({ path: normalize(join(dirname(file), target)).split('\\').join('/'), line: i + 1 });
    }
  });
  return out.filter((p) => !IGNORED.test(p.path));
}

/** Every path README.md and docs/**.md name that is not in the repository at `root`. */
export function checkDocPaths(root: string): MissingPath[] {
  const pages = ['README.md', ...(readdirSync(join(root, 'docs'), { recursive: true }) as string[]).filter((f) => f.endsWith('.md')).map((f) => `docs/${f.split('\\').join('/')}`)];
  return pages.flatMap((file) =>
    pathsNamedIn(readFileSync(join(root, file), 'utf8'), file)
      .filter(({ path }) => !existsSync(join(root, path)))
      .map(({ path, line }) => ({ file, line, path })),
  );
}

export function main(root = process.cwd()): number {
  const missing = checkDocPaths(root);
  for (const m of missing) console.error(`${m.file}:${m.line}  names ${m.path}, which is not in the repository`);
  console.error(missing.length ? `\n${missing.length} missing path(s) named in the docs (scripts/lint/doc-paths.ts).` : 'Docs: every path they name exists.');
  return missing.length ? 1 : 0;
}
