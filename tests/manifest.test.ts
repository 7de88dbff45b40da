import { describe, expect, it } from 'vitest';
import config from '../wxt.config';

type Env = { browser: string; command: 'build' | 'serve'; mode: string; manifestVersion: 2 | 3 };
type Manifest = {
  content_security_policy?: { extension_pages?: string };
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
};

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

  it('names no remote source in any directive but connect-src', async () => {
    const policy = (await build()).content_security_policy?.extension_pages;
    expect(policy).toBeDefined();
    const remote = [...directives(policy!)].flatMap(([name, sources]) =>
      name === 'base-uri' || name === 'form-action' || name === 'connect-src' ? [] : sources.filter((s) => !LOCAL.has(s)).map((s) => `${name} ${s}`),
    );
    expect(remote).toEqual([]);
  });

  it("runs only the package's scripts, no plugin, and connects only to the sync server the user names", async () => {
    const csp = directives((await build()).content_security_policy!.extension_pages!);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('worker-src')).toEqual(["'self'"]);
    // Sync's server is the user's, known only at run time (issue #15): the schemes, no host, no
    // websocket; which server (and plain http to local hosts only) is decided in code.
    expect(csp.get('connect-src')).toEqual(['https:', 'http:']);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('adds the local dev server (its websocket) only under `npm run dev`', async () => {
    const dev = await manifestFor({ browser, manifestVersion, command: 'serve', mode: 'development' });
    const csp = directives(dev.content_security_policy!.extension_pages!);
    expect(csp.get('connect-src')?.filter((s) => !LOCAL.has(s))).toEqual(['https:', 'http:', 'ws://localhost:*']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
  });
});

describe.each([
  { browser: 'chrome', manifestVersion: 3 },
  { browser: 'firefox', manifestVersion: 2 },
] as const)('sync adds no install warning in $browser (issue #15)', ({ browser, manifestVersion }) => {
  const build = () => manifestFor({ browser, manifestVersion, command: 'build', mode: 'production' });

  it('asks for alarms and storage (no warning), and for a server origin only as an optional permission the content scripts already cover', async () => {
    const manifest = await build();
    // Firefox MV2 lists origins among the optional permissions (beside the review's notifications).
    const optional = browser === 'firefox' ? manifest.optional_permissions?.filter((p) => p.includes('://')) : manifest.optional_host_permissions;
    expect(optional).toEqual(['http://*/*', 'https://*/*']);
    // Nothing optional reaches past what the install already granted: requesting it never widens the warning.
    expect(manifest.host_permissions).toEqual(expect.arrayContaining(optional!));
    // No new required permission that warns (the rest were there before sync).
    const before = browser === 'firefox' ? ['contextMenus', 'scripting', 'unlimitedStorage'] : ['contextMenus', 'scripting', 'sidePanel', 'unlimitedStorage', 'webNavigation'];
    expect(manifest.permissions?.filter((p) => !before.includes(p))).toEqual(['alarms', 'storage']);
  });
});

describe.each([
  { browser: 'chrome', manifestVersion: 3 },
  { browser: 'firefox', manifestVersion: 2 },
] as const)('the daily review\u2019s reminder adds no install warning in $browser (issue #17)', ({ browser, manifestVersion }) => {
  it('asks for notifications only as an optional permission, requested when the reminder is turned on', async () => {
    const manifest = await manifestFor({ browser, manifestVersion, command: 'build', mode: 'production' });
    expect(manifest.optional_permissions).toContain('notifications');
    expect(manifest.permissions).not.toContain('notifications');
  });
});
