/**
 * The options page's sync form (components/sync/), driven as a user sets sync up (issue #15): the
 * server's address, the database, Test connection (and Create the database when the page offers
 * to), encryption with a passphrase, Turn sync on; then Sync now. Controls are found by their
 * stable names, whatever the language. Shared by the e2e tests' page object
 * (tests/e2e/pages/sync-setup.ts) and the Chromium sync benchmark.
 */
import type { Locator, Page } from 'playwright-core';
import { waitFor } from './wait';

export interface SyncSetup {
  /** The server's base URL, without the database. */
  url: string;
  database: string;
  /** Encrypts with this passphrase when given (creating the key, or joining an encrypted database). */
  passphrase?: string;
}

/** The options page's sync section. */
export function syncSection(page: Page): Locator {
  return page.locator('#sync');
}

/** What the form said after its last action: the error (or `noDatabase`) code, and its text. */
export async function formResult(page: Page): Promise<{ code: string | null; text: string }> {
  const box = page.getByTestId('sync-result');
  await waitFor(
    async () => (await page.locator('form[name="sync"]').getAttribute('aria-busy')) === 'false' && ((await box.textContent()) ?? '').trim() !== '',
    60_000,
    'the sync form’s answer',
  );
  return { code: await box.getAttribute('data-code'), text: (await box.textContent()) ?? '' };
}

/**
 * Fills the form, tests the connection (creating the database when the page offers to) and
 * turns sync on. Resolves once the click is made: the form's answer (a wrong passphrase) or the
 * status tell what followed.
 */
export async function setUpSync(page: Page, setup: SyncSetup): Promise<void> {
  const form = page.locator('form[name="sync"]');
  await form.waitFor({ timeout: 30_000 });
  await form.locator('[name="syncUrl"]').fill(setup.url);
  await form.locator('[name="syncDatabase"]').fill(setup.database);
  await form.locator('[name="syncTest"]').click();
  if ((await formResult(page)).code === 'noDatabase') {
    await page.locator('[name="syncCreateDatabase"]').click();
    await waitFor(async () => (await formResult(page)).code !== 'noDatabase', 30_000, 'the database created');
  }
  if (setup.passphrase !== undefined) {
    const encrypt = form.locator('[name="syncEncrypt"]');
    if (!(await encrypt.isChecked())) await encrypt.check();
    await form.locator('[name="syncPassphrase"]').fill(setup.passphrase);
    const confirm = form.locator('[name="syncPassphraseConfirm"]');
    if (await confirm.count()) await confirm.fill(setup.passphrase);
  }
  await form.locator('[name="syncTurnOn"]').click();
}

/** Presses Sync now. */
export async function pressSyncNow(page: Page): Promise<void> {
  await page.locator('[name="syncNow"]').click();
}
