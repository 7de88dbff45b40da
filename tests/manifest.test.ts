import { describe, expect, it } from 'vitest';
import config from '../wxt.config';

type Env = { browser: string; command: 'build' | 'serve'; mode: string; manifestVersion: 2 | 3 };
type Manifest = { content_security_policy?: { extension_pages?: string } };

/** The manifest wxt.config.ts gives WXT for `env` (WXT turns the CSP into MV2's string for Firefox). */
async function manifestFor(env: Env): Promise<Manifest> {
  const manifest = config.manifest as unknown as ((env: Env) => Manifest | Promise<Manifest>) | undefined;
  if (typeof manifest !== 'function') throw new Error('wxt.config.ts: manifest is no longer a function of the target');
  return manifest(env);
}

/** The policy's directives, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** Sources that stay inside the extension: its own files, inline data and blobs, or nothing. */
const LOCAL = new Set(["'self'", "'none'", "'unsafe-inline'", 'data:', 'blob:']);

describe.each([
  { browser: 'chrome', manifestVersion: 3 },
  { browser: 'firefox', manifestVersion: 2 },
] as const)('the extension pages CSP for $browser', ({ browser, manifestVersion }) => {
  const build = () => manifestFor({ browser, manifestVersion, command: 'build', mode: 'production' });

  it('names no remote source, in any directive', async () => {
    const policy = (await build()).content_security_policy?.extension_pages;
    expect(policy).toBeDefined();
    const remote = [...directives(policy!)].flatMap(([name, sources]) =>
      name === 'base-uri' || name === 'form-action' ? [] : sources.filter((s) => !LOCAL.has(s)).map((s) => `${name} ${s}`),
    );
    expect(remote).toEqual([]);
  });

  it("runs only the package's scripts, no plugin, and connects nowhere", async () => {
    const csp = directives((await build()).content_security_policy!.extension_pages!);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('worker-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('widens connect-src only for the local dev server under `npm run dev`', async () => {
    const dev = await manifestFor({ browser, manifestVersion, command: 'serve', mode: 'development' });
    const csp = directives(dev.content_security_policy!.extension_pages!);
    expect(csp.get('connect-src')?.filter((s) => !LOCAL.has(s))).toEqual(['http://localhost:*', 'ws://localhost:*']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
  });
});
