/**
 * Setting sync up in real Chromium against a real CouchDB-compatible server (issue #15): the
 * options page's form says exactly what is wrong (nothing listening, plain http to a host outside
 * the network, no database: created from the page), turns sync on, and the status shows it synced;
 * the side panel's indicator says the same in one line, and an error with what to do. English
 * and French, with screenshots of both.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultProxy, startCouch, type CouchServer, type FaultProxy } from '../support/couch-server';
import { formResult } from '../support/sync-form';
import { waitFor } from '../support/wait';
import { SCREENSHOTS, useSession, type ExtensionBrowser } from './fixtures';

const screenshot = (name: string) => join(SCREENSHOTS, name);

let couch: CouchServer;
// The server as the extension reaches it: a proxy that can make it fail on demand.
let proxy: FaultProxy;
beforeAll(async () => {
  couch = await startCouch({ inMemory: true });
  proxy = await faultProxy(couch.url);
}, 30_000);
afterAll(async () => {
  await proxy?.close();
  await couch?.stop();
});

const dbName = () => `verbatim-e2e-${Math.random().toString(36).slice(2, 8)}`;

/** The options page, scrolled to its Sync section. */
async function syncSection(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.extensionPage('options.html#sync');
  await page.locator('#sync form[name="sync"]').waitFor();
  return page;
}

async function fill(page: Page, url: string, database: string): Promise<void> {
  await page.locator('[name="syncUrl"]').fill(url);
  await page.locator('[name="syncDatabase"]').fill(database);
}

/** A port of 127.0.0.1 nothing listens on (the server's own, plus one: pouchdb-server takes one). */
const closedPort = () => `http://127.0.0.1:${Number(new URL(couch.url).port) + 7}`;

async function docIds(database: string): Promise<string[]> {
  const res = await fetch(`${couch.url}/${database}/_all_docs`, { headers: { accept: 'application/json' } });
  const body = (await res.json()) as { rows: Array<{ id: string }> };
  return body.rows.map((r) => r.id);
}

describe('setting sync up (English)', () => {
  const browser = useSession();
  const database = dbName();

  it('says what is wrong: nothing listening, plain http to a host outside the network', async () => {
    const page = await syncSection(browser);
    await fill(page, closedPort(), database);
    await page.getByRole('button', { name: 'Test connection' }).click();
    const unreachable = await formResult(page);
    expect(unreachable.code).toBe('unreachable');
    expect(unreachable.text).toContain('The server could not be reached. Check the address and your network');

    await fill(page, 'http://couch.example.org:5984', database);
    await page.getByRole('button', { name: 'Test connection' }).click();
    const insecure = await formResult(page);
    expect(insecure.code).toBe('insecure');
    expect(insecure.text).toContain('Plain http is allowed only for a server on your own network');
    await page.close();
  });

  it('offers to create a missing database, creates it, turns sync on, and shows it synced', async () => {
    const page = await syncSection(browser);
    await fill(page, proxy.url, database);
    await page.getByRole('button', { name: 'Test connection' }).click();
    const missing = await formResult(page);
    expect(missing.code).toBe('noDatabase');
    expect(missing.text).toContain(`there is no database “${database}” yet`);
    await page.getByRole('button', { name: 'Create the database' }).click();
    await page.getByTestId('sync-result').getByText(`Database “${database}” created.`).waitFor();

    await page.getByRole('button', { name: 'Turn sync on' }).click();
    const status = page.getByTestId('sync-status');
    await waitFor(async () => (await status.getAttribute('data-state')) === 'idle', 20_000, 'the first sync');
    expect(await status.textContent()).toContain('Synced just now');
    expect(await page.getByTestId('sync-summary').textContent()).toBe(`Sync is on with ${proxy.url}, database “${database}”.`);
    await page.locator('#sync').screenshot({ path: screenshot('sync-options-en.png') });
    await page.close();
  });

  it('shows the side panel’s indicator, and a note made in a page reaches the server', async () => {
    const panel = await browser.sidePanel();
    const indicator = panel.page.getByTestId('sync-indicator');
    await indicator.waitFor();
    expect(await indicator.getAttribute('role')).toBe('status');
    expect(await indicator.textContent()).toBe('Synced just now');
    await panel.page.locator('.panel-header').screenshot({ path: screenshot('sync-indicator-en.png') });

    const article = await browser.open('article-en.html');
    await article.highlight('The list was embarrassing and very useful.');
    await waitFor(async () => (await docIds(database)).some((id) => id.startsWith('note:')), 20_000, 'the note on the server');
    await waitFor(async () => (await indicator.textContent()) === 'Synced just now', 10_000, 'the indicator back to synced');
    await article.close();
    await panel.close();
  });

  it('says in the side panel when the server fails, with what to do and a link to the settings; turning off keeps the library', async () => {
    proxy.mode('500');
    const page = await browser.extensionPage('options.html#sync');
    await page.getByRole('button', { name: 'Sync now' }).click();
    const status = page.getByTestId('sync-status');
    await waitFor(async () => (await status.getAttribute('data-state')) === 'error', 20_000, 'the error');
    expect(await status.textContent()).toContain('The server failed (an error on its side). Verbatim tries again by itself.');
    expect(await status.textContent()).toMatch(/Next try at/);
    await page.locator('#sync').screenshot({ path: screenshot('sync-options-error-en.png') });
    const panel = await browser.sidePanel();
    const indicator = panel.page.getByTestId('sync-indicator');
    await waitFor(async () => (await indicator.getAttribute('data-state')) === 'error', 10_000, 'the indicator’s error');
    expect(await indicator.textContent()).toBe('The server failed: Verbatim tries again by itself.Sync settings');
    expect(await indicator.getByRole('link', { name: 'Sync settings' }).getAttribute('href')).toMatch(/\/options\.html#sync$/);
    await panel.page.locator('.panel-header').screenshot({ path: screenshot('sync-indicator-error-en.png') });
    // As wide as a side panel usually is: the line shortens, the link stays.
    await panel.page.setViewportSize({ width: 360, height: 640 });
    await panel.page.locator('.panel-header').screenshot({ path: screenshot('sync-indicator-error-narrow-en.png') });
    expect(await indicator.getByRole('link', { name: 'Sync settings' }).isVisible()).toBe(true);
    proxy.mode('pass');

    const notes = (await browser.rows('notes')).length;
    await page.getByRole('button', { name: 'Turn sync off' }).click();
    await page.getByTestId('sync-off').getByText('Your library stays in this browser as it is: nothing was deleted.').waitFor();
    await waitFor(async () => (await indicator.count()) === 0, 10_000, 'the indicator gone');
    expect((await browser.rows('notes')).length).toBe(notes);
    // The form keeps the setup, to turn back on.
    expect(await page.locator('[name="syncUrl"]').inputValue()).toBe(proxy.url);
    await panel.close();
    await page.close();
  });
});

describe('encryption: a second browser joins with the passphrase', () => {
  const first = useSession();
  const second = useSession();

  it('the first sets it up; the second is asked for it, a wrong one is refused with nothing written, the right one opens', async () => {
    const database = await couch.createDb('verbatim-e2e-enc');
    const a = await syncSection(first);
    await fill(a, couch.url, database);
    await a.getByLabel('Encrypt everything on the server (recommended for a server you do not run)').check();
    await a.getByLabel('Passphrase', { exact: true }).fill('a long enough passphrase');
    await a.getByLabel('Passphrase, again').fill('a long enough passphrase, mistyped');
    await a.getByRole('button', { name: 'Turn sync on' }).click();
    expect((await formResult(a)).text).toBe('The two passphrases differ.');
    await a.getByLabel('Passphrase, again').fill('a long enough passphrase');
    await a.getByRole('button', { name: 'Turn sync on' }).click();
    await waitFor(async () => (await a.getByTestId('sync-status').getAttribute('data-state')) === 'idle', 30_000, 'the first browser synced');
    expect(await a.getByTestId('sync-summary').textContent()).toContain('Encrypted: the server holds only ciphertext.');
    expect(await docIds(database)).toContain('verbatim:keycheck');

    const b = await syncSection(second);
    await fill(b, couch.url, database);
    await b.getByRole('button', { name: 'Turn sync on' }).click();
    expect((await formResult(b)).text).toBe('This database is encrypted: type the passphrase chosen in the first browser.');
    expect(await b.locator('[name="syncEncrypt"]').isChecked()).toBe(true);
    expect(await b.locator('[name="syncPassphraseConfirm"]').count()).toBe(0);
    await b.screenshot({ path: screenshot('sync-options-join-en.png'), fullPage: true });

    await b.getByLabel('Passphrase', { exact: true }).fill('not the passphrase');
    await b.getByRole('button', { name: 'Turn sync on' }).click();
    const wrong = await formResult(b);
    expect(wrong.code).toBe('wrongPassphrase');
    expect(wrong.text).toContain('This passphrase does not open this database.');
    // Nothing written: no key kept, sync still off, the form still there.
    expect((await second.rows('sync')).filter((r) => r.key === '~key')).toEqual([]);
    expect(await b.getByTestId('sync-status').count()).toBe(0);

    await b.getByLabel('Passphrase', { exact: true }).fill('a long enough passphrase');
    await b.getByRole('button', { name: 'Turn sync on' }).click();
    await waitFor(async () => (await b.getByTestId('sync-status').getAttribute('data-state')) === 'idle', 30_000, 'the second browser synced');
    // The key is kept on the device, not extractable.
    const [kept] = (await second.rows('sync')).filter((r) => r.key === '~key');
    expect(kept).toBeDefined();
    await a.close();
    await b.close();
  });
});

describe('setting sync up (French)', () => {
  const browser = useSession({ lang: 'fr' });

  it('dit ce qui ne va pas, crée la base, active la synchronisation', async () => {
    const database = dbName();
    const page = await syncSection(browser);
    await fill(page, 'http://couch.example.org:5984', database);
    await page.getByRole('button', { name: 'Tester la connexion' }).click();
    expect((await formResult(page)).text).toContain('Le http simple n’est permis que pour un serveur de votre réseau');
    await fill(page, couch.url, database);
    await page.getByRole('button', { name: 'Tester la connexion' }).click();
    expect((await formResult(page)).text).toContain(`la base de données «\u202f${database}\u202f» n’existe pas encore`);
    await page.locator('#sync').screenshot({ path: screenshot('sync-options-nodb-fr.png') });
    await page.getByRole('button', { name: 'Créer la base de données' }).click();
    await page.getByTestId('sync-result').getByText('créée').waitFor();
    await page.getByRole('button', { name: 'Activer la synchronisation' }).click();
    const status = page.getByTestId('sync-status');
    await waitFor(async () => (await status.getAttribute('data-state')) === 'idle', 20_000, 'la première synchronisation');
    expect(await status.textContent()).toContain('Synchronisé à l’instant');
    await page.locator('#sync').screenshot({ path: screenshot('sync-options-fr.png') });
    const panel = await browser.sidePanel();
    const indicator = panel.page.getByTestId('sync-indicator');
    await indicator.waitFor();
    expect(await indicator.textContent()).toBe('Synchronisé à l’instant');
    await panel.page.locator('.panel-header').screenshot({ path: screenshot('sync-indicator-fr.png') });
    await panel.close();
    await page.close();
  });
});
