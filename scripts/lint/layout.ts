/**
 * The layout's rules, checked (issue #13): which folder may import which, how long a module may
 * grow, and that `utils/` has no loose modules. `npm run lint` runs it over the repository;
 * tests/lint/layout.test.ts proves each rule catches a violation.
 *
 * Dependencies point one way. Pure folders (the domain, text, anchoring, extraction, export
 * formats, search, suggestions) use no browser extension API, no database and no messaging, so
 * they run in Node; the page's DOM helpers use no extension API and no database; nothing in
 * `utils/` imports a hook, a component or an entrypoint; components show and call, they do not
 * open the database; one entrypoint does not reach into another; tests and benchmarks do not
 * import each other's files (what both need lives in tests/support/; tests may import the tooling
 * in scripts/ they test).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';

/** The longest a module in the source folders may be. */
export const MAX_LINES = 400;
/** The folders whose modules are the product's source. */
const SOURCE = ['entrypoints', 'components', 'hooks', 'utils'];
const PURE = ['utils/domain', 'utils/review', 'utils/text', 'utils/dom', 'utils/anchoring', 'utils/extract', 'utils/export', 'utils/search', 'utils/suggest', 'utils/citation', 'utils/quotes', 'utils/card'];
/** Bare modules that are the extension API or the database. */
const BROWSER_API = /^(wxt\/browser|webextension-polyfill|@wxt-dev\/browser)$/;
const DATABASE = /^dexie$/;

interface Forbid {
  /** A repository path prefix (`utils/db/`) or a bare module pattern. */
  target: string | RegExp;
  why: string;
  /** `import type` is allowed (types carry no code and no dependency at run time). */
  typesAllowed?: boolean;
}
interface Rule {
  /** Path prefixes of the importing files. */
  from: string[];
  forbid: Forbid[];
}

const upward = (...dirs: string[]): Forbid[] => dirs.map((d) => ({ target: `${d}/`, why: `${d}/ is above this layer` }));

export const RULES: Rule[] = [
  {
    from: PURE.map((p) => `${p}/`),
    forbid: [
      { target: BROWSER_API, why: 'pure modules run in Node: no extension API' },
      { target: DATABASE, why: 'pure modules hold no database' },
      { target: 'utils/db/', why: 'pure modules hold no database', typesAllowed: true },
      { target: 'utils/messaging/', why: 'pure modules send no messages', typesAllowed: true },
      { target: 'utils/platform/', why: 'pure modules use no browser platform' },
      { target: 'utils/page/', why: 'pure modules do not draw in the page' },
      ...upward('utils/services', 'hooks', 'components', 'entrypoints'),
    ],
  },
  {
    from: ['utils/page/'],
    forbid: [
      { target: BROWSER_API, why: 'the page helpers are DOM only: no extension API' },
      { target: DATABASE, why: 'the page has no database' },
      { target: 'utils/db/', why: 'the page has no database', typesAllowed: true },
      { target: 'utils/platform/', why: 'the page helpers are DOM only' },
      ...upward('utils/services', 'hooks', 'components', 'entrypoints'),
    ],
  },
  { from: ['utils/db/'], forbid: upward('utils/messaging', 'utils/platform', 'utils/services', 'hooks', 'components', 'entrypoints') },
  // Sync's client, engine, merge and encryption run in Node against a real server: no extension API.
  { from: ['utils/sync/'], forbid: [{ target: BROWSER_API, why: 'sync runs in Node too: the extension API stays in services and entrypoints' }, ...upward('utils/messaging', 'utils/platform', 'utils/services', 'hooks', 'components', 'entrypoints')] },
  { from: ['utils/messaging/'], forbid: [{ target: 'utils/db/', why: 'messaging carries records, it does not store them', typesAllowed: true }, ...upward('utils/services', 'hooks', 'components', 'entrypoints')] },
  { from: ['utils/platform/'], forbid: upward('utils/services', 'hooks', 'components', 'entrypoints') },
  { from: ['utils/services/'], forbid: upward('hooks', 'components', 'entrypoints') },
  { from: ['hooks/'], forbid: upward('components', 'entrypoints') },
  {
    from: ['components/'],
    forbid: [
      { target: DATABASE, why: 'a component shows and calls services; it does not open the database' },
      { target: 'utils/db/repo', why: 'a component calls services, not the repository' },
      { target: 'utils/db/schema', why: 'a component receives a database handle only as a type', typesAllowed: true },
      ...upward('entrypoints'),
    ],
  },
  {
    from: ['utils/', 'components/', 'hooks/', 'entrypoints/'],
    forbid: [
      { target: 'tests/', why: 'the product does not import its tests' },
      { target: 'scripts/', why: 'the product does not import its tooling' },
    ],
  },
  // Tests may import the tooling they test (scripts/), never a benchmark; benchmarks and tooling
  // share with the tests only what lives in tests/support/ (servers, generators, fixtures' builders).
  { from: ['tests/'], forbid: [{ target: 'bench/', why: 'tests do not import benchmarks: shared helpers go to tests/support/' }] },
  { from: ['scripts/', 'bench/'], forbid: [{ target: /^tests\/(?!support\/)/, why: 'benchmarks and tooling may use tests/support/ only' }] },
];

export interface Violation {
  file: string;
  line: number;
  message: string;
}

/** Every import and re-export of a module (dynamic `import()` included), with whether it is type-only. */
export function importsOf(source: string, fileName = 'x.ts'): Array<{ spec: string; typeOnly: boolean; line: number }> {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Array<{ spec: string; typeOnly: boolean; line: number }> = [];
  const add = (node: ts.Node, spec: ts.Expression | undefined, typeOnly: boolean) => {
    if (spec && ts.isStringLiteralLike(spec)) found.push({ spec: spec.text, typeOnly, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node, node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg)) add(node, arg.literal as ts.Expression, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** A relative import as a repository path (`utils/db/repo`), without its extension; a bare module as is. */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  return join(dirname(file), spec).split(sep).join('/').replace(/\.(tsx?|mts|mjs|js)$/, '');
}

/** A path prefix matches repository paths (the folder, or the module and its folder); a pattern, anything. */
function matches(t: string, pattern: string | RegExp, bare: boolean): boolean {
  if (typeof pattern !== 'string') return pattern.test(t);
  if (bare) return false;
  const prefix = pattern.endsWith('/') ? pattern : `${pattern}/`;
  return `${t}/`.startsWith(prefix);
}

/** Checks one file's imports against the rules. `file` is a repository path with `/`. */
export function checkImports(file: string, source: string): Violation[] {
  const out: Violation[] = [];
  const entry = /^entrypoints\/([^/]+)/.exec(file)?.[1]?.replace(/\.(tsx?|html)$/, '');
  for (const imp of importsOf(source, file)) {
    const bare = !imp.spec.startsWith('.');
    const t = target(file, imp.spec);
    for (const rule of RULES) {
      if (!rule.from.some((p) => file.startsWith(p))) continue;
      for (const f of rule.forbid) {
        if (f.typesAllowed && imp.typeOnly) continue;
        if (matches(t, f.target, bare)) out.push({ file, line: imp.line, message: `imports ${imp.spec}: ${f.why}` });
      }
    }
    // An entrypoint's UI modules, like components, read through hooks and write through services;
    // only its main.tsx, which opens the database, imports it.
    if (/^entrypoints\/[^/]+\/(?!main\.tsx$)[^/]+\.tsx$/.test(file) && !imp.typeOnly && !bare && t.startsWith('utils/db/')) {
      out.push({ file, line: imp.line, message: `imports ${imp.spec}: a UI module reads through hooks and writes through services, not the database` });
    }
    // One entrypoint does not reach into another's folder.
    const other = /^entrypoints\/([^/]+)/.exec(t)?.[1]?.replace(/\.(tsx?|html)$/, '');
    if (!bare && entry && other && other !== entry) out.push({ file, line: imp.line, message: `imports ${imp.spec}: entrypoints/${other} belongs to another entrypoint` });
  }
  return out;
}

/** Checks a module's length and place. */
export function checkModule(file: string, source: string): Violation[] {
  const out: Violation[] = [];
  if (!SOURCE.some((d) => file.startsWith(`${d}/`)) || !/\.(tsx?|mts)$/.test(file)) return out;
  const lines = source.split('\n').length - (source.endsWith('\n') ? 1 : 0);
  if (lines > MAX_LINES) out.push({ file, line: MAX_LINES + 1, message: `${lines} lines: a module holds one concern, at most ${MAX_LINES} lines` });
  if (/^utils\/[^/]+$/.test(file)) out.push({ file, line: 1, message: 'a loose module at the root of utils/: it belongs in one of its folders' });
  return out;
}

/** Every TypeScript file under the given folders of `root` (skipping generated and vendored ones). */
export function filesUnder(root: string, dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(join(root, dir));
    } catch {
      return;
    }
    for (const name of names) {
      if (name === 'node_modules' || name.startsWith('.') || name === '__screenshots__') continue;
      const path = dir ? `${dir}/${name}` : name;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (/\.(tsx?|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
    }
  };
  dirs.forEach(walk);
  return out.sort();
}

/** Checks the whole repository at `root`. */
export function checkLayout(root: string): Violation[] {
  return filesUnder(root, [...SOURCE, 'tests', 'scripts', 'bench']).flatMap((file) => {
    const source = readFileSync(join(root, file), 'utf8');
    return [...checkImports(file, source), ...checkModule(file, source)];
  });
}

export function main(root = process.cwd()): number {
  const violations = checkLayout(root);
  for (const v of violations) console.error(`${relative(root, join(root, v.file))}:${v.line}  ${v.message}`);
  console.error(violations.length ? `\n${violations.length} layout violation(s) (scripts/lint/layout.ts).` : 'Layout: every rule holds.');
  return violations.length ? 1 : 0;
}
