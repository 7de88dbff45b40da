/**
 * The options page's sync section of one profile, kept open: Sync now and the status live there.
 * The form itself is driven by tests/support/sync-form.ts (the Chromium benchmark uses it too).
 */
import type { Locator, Page } from 'playwright-core';
import { formResult, pressSyncNow, setUpSync, syncSection, type SyncSetup } from '../../support/sync-form';
import type { Profile } from '../profiles';

export type { SyncSetup };

export class SyncOptions {
  private constructor(
    readonly profile: Profile,
    readonly page: Page,
  ) {}

  static async open(profile: Profile): Promise<SyncOptions> {
    return new SyncOptions(profile, await profile.extensionPage('options.html#sync'));
  }

  get section(): Locator {
    return syncSection(this.page);
  }

  /** The sync status the section shows once sync is on (last synced, waiting changes, the error and what to do). */
  get status(): Locator {
    return this.page.getByTestId('sync-status');
  }

  /** Fills the form, tests the connection (creating the database if offered) and turns sync on. */
  setUp(setup: SyncSetup): Promise<void> {
    return setUpSync(this.page, setup);
  }

  /** What the form said after its last action. */
  result(): Promise<{ code: string | null; text: string }> {
    return formResult(this.page);
  }

  syncNow(): Promise<void> {
    return pressSyncNow(this.page);
  }
}
