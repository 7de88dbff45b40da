/**
 * The data Verbatim keeps, shared by every context. Type-only: no runtime code here.
 *
 * Selectors follow the W3C Web Annotation Data Model
 * (https://www.w3.org/TR/annotation-model/#selectors).
 */

/** W3C TextQuoteSelector: the passage, with some context on either side. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}

/** W3C TextPositionSelector: character offsets into the root's text. */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export type Selector = TextQuoteSelector | TextPositionSelector;

/** Light metadata read from any page without running Readability (cheap, on first highlight). */
export interface PageMeta {
  /** Page URL, normalised (no fragment, no tracking parameters). */
  url: string;
  /** Canonical URL declared by the page (`<link rel=canonical>` or `og:url`), absolute. */
  canonicalUrl?: string;
  /**
   * The article's other addresses, normalised, never its own `url`: what its page declared
   * (`<link rel=canonical>`, `og:url`, `<link rel=amphtml>`) and what the user linked to it (a
   * syndicated copy whose notes they chose to show there). Notes made here show at each of them
   * (schema v8, `*aliases`). Absent means none.
   */
  aliases?: string[];
  title: string;
  byline?: string;
  siteName?: string;
  /** ISO 8601 as the page declares it. */
  publishedTime?: string;
  /** BCP 47 language tag, e.g. `fr` or `en-GB`. */
  lang?: string;
}

/** What extraction returns for a page that has an article. */
export interface ArticleDraft extends PageMeta {
  excerpt?: string;
  /** Sanitised article HTML (safe to store; still sanitise again before rendering). */
  html: string;
  /** Plain text of the article, whitespace-collapsed per paragraph. */
  text: string;
  wordCount: number;
  /** Minutes, rounded up, at least 1. */
  readingMinutes: number;
  /** The http(s) images `html` shows, in reading order, each once: what a clip may save with it. */
  imageUrls?: string[];
}

/**
 * A page the user clipped or annotated, as stored: one per normalised URL. Small (metadata,
 * counts, tags), so the side panel holds every one; the clipped copy is apart, in `bodies`
 * ({@link ArticleBody}, schema v5).
 */
export interface Article extends PageMeta {
  id: string;
  excerpt?: string;
  wordCount?: number;
  readingMinutes?: number;
  /** Set when Readability extraction was saved (the user pressed Clip). */
  clippedAt?: number;
  /** Tags of the article itself (normalised), beside its notes' own tags. */
  tags: string[];
  createdAt: number;
  updatedAt: number;
}

/**
 * The saved copy of a clipped article, stored under the article's id in its own table (schema
 * v5): tens of kB each, read only by what shows or searches it (reader view, tag suggestions,
 * full-text search, backup). A clip sets both fields; an imported record may carry only one.
 */
export interface ArticleBody {
  /** The article's id. */
  id: string;
  /** Sanitised article HTML (safe to store; still sanitise again before rendering). */
  html?: string;
  /** Plain text of the article, whitespace-collapsed per paragraph. */
  text?: string;
  /** The article's images saved when it was clipped, served to the reader from here (never in backups). */
  images?: SavedImage[];
  /** The article's images not saved when it was clipped, and why: the reader says so in their place. */
  imagesLeftOut?: LeftOutImage[];
}

/** An image of a clipped article, saved with its copy. */
export interface SavedImage {
  /** The image's absolute URL, as the saved html's `<img src>` names it. */
  url: string;
  /** Its MIME type (`image/png`…). */
  type: string;
  data: Blob;
}

/** An image of a clipped article that was not saved: over the per-article cap, or not fetched. */
export interface LeftOutImage {
  url: string;
  reason: 'tooLarge' | 'unreachable';
}

/**
 * An article with its body joined back in: how backups and imports carry it (the backup format
 * did not change when bodies moved to their own table). Never stored as is: `importRecords`
 * splits it.
 */
export interface ArticleWithBody extends Article {
  html?: string;
  text?: string;
}

/**
 * What a note is on: a passage (`highlight`, or `quote` with its attribution), or the page as a
 * whole (`page`: what the reader writes about the article, with no passage: `exact` is `""`
 * and `selectors` is empty, so it is never anchored and never an orphan).
 */
export const NOTE_KINDS = ['highlight', 'quote', 'page'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
/** Kinds of a note on a passage: what a selection makes, and what such a note can switch between. */
export const PASSAGE_KINDS = ['highlight', 'quote'] as const;
export type PassageKind = (typeof PASSAGE_KINDS)[number];

export const COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type Color = (typeof COLORS)[number];

/** Who said it: kept on a quote so it can be cited even if the article changes. */
export interface Attribution {
  title: string;
  author?: string;
  siteName?: string;
  publishedTime?: string;
  url: string;
}

/** A highlight, a quote, or a note on the page as a whole (`kind: 'page'`). */
export interface Note {
  id: string;
  /** Normalised URL of the page it was made on. */
  url: string;
  kind: NoteKind;
  color: Color;
  /** The selected text as the reader saw it; `""` for a page note. */
  exact: string;
  /** Where the passage is (1–8 W3C selectors); none for a page note. */
  selectors: Selector[];
  note: string;
  tags: string[];
  attribution?: Attribution;
  /**
   * Who said or wrote the quoted words, a person or an organisation (issue #16): "Albert Camus",
   * "la CNIL". Not the page's author unless the author is the one speaking. Trimmed, never `""`:
   * absent means unknown.
   */
  speaker?: string;
  /** Set while `speaker` is Verbatim's proposal that the user has not accepted or changed yet. */
  speakerProposed?: true;
  /**
   * Set when the passage was last looked for on its page and not found (an orphan); cleared
   * when it is found again. Absent for notes found, or never looked for since they were made.
   */
  orphanedAt?: number;
  createdAt: number;
  updatedAt: number;
  /**
   * Versions replaced when another browser's later edit won a sync merge (issue #15), newest
   * first, at most 20: shown in the side panel, each restorable. Absent means none.
   */
  history?: NoteVersion[];
  /**
   * The last check of the passage against its source (issue #17, "check quotes before
   * publishing"): when, and what was found. Absent until first checked.
   */
  check?: QuoteCheck;
}

/** What a check of a quote against its source page found (issue #17). */
export interface QuoteCheck {
  /** When the source was reloaded and read (ms since the epoch). */
  at: number;
  /** Still there word for word; reworded (the closest passage differs); or not found at all. */
  outcome: 'same' | 'reworded' | 'gone';
  /** For `reworded`: the passage as the page has it now. */
  found?: string;
}

/** A version of a note replaced by a sync merge, kept in the note so the user can restore it. */
export interface NoteVersion {
  note: string;
  tags: string[];
  color: Color;
  kind: NoteKind;
  /** The version's own `updatedAt` and stamp. */
  updatedAt: number;
  /** Its sync stamp (utils/sync/types.ts `Hlc`). */
  hlc?: string;
  /** When it was replaced (local ms). */
  replacedAt: number;
  /** Why: another browser's later edit won (`sync`), or a restore put another version back (`restore`). */
  reason: 'sync' | 'restore';
}

/**
 * What the content script sends to save a note; the rest is filled in by storage. Only extension
 * pages make a `page` draft (no passage, `note` required): a web page's messages cannot.
 */
export interface NoteDraft {
  kind: NoteKind;
  color: Color;
  exact: string;
  selectors: Selector[];
  note?: string;
  tags?: string[];
  /** The speaker proposed from the text around the passage (`speakerProposed` set with it). */
  speaker?: string;
  speakerProposed?: true;
}

/** One stored setting. Settings are key/value rows so adding one needs no migration. */
export interface SettingRow {
  key: string;
  value: unknown;
}

export const BACKUP_REMINDERS = ['off', 'weekly', 'monthly'] as const;
/** How often the side panel reminds the user to back up. */
export type BackupReminder = (typeof BACKUP_REMINDERS)[number];

/** What the user can change, and what the device records. Missing values mean the default. */
export interface Settings {
  /** The user's own names for the five colours (e.g. "Idea", "Figure"), by colour. */
  colorNames: Partial<Record<Color, string>>;
  /** Backup reminder period; default monthly. Travels with backups (it is a preference). */
  backupReminder: BackupReminder;
  /** Whether clipping an article saves its images with it (for the reader, offline); default on. */
  saveImages?: boolean;
  /** Epoch ms of this device's last full JSON backup. Per device: never in a backup. */
  lastBackupAt?: number;
  /** Epoch ms when the backup reminder was last dismissed on this device. Per device. */
  backupReminderDismissedAt?: number;
  /**
   * Bumped (by one) in the same transaction as every import that changed anything, so open
   * extension pages know to reload the whole library. Per device.
   */
  libraryEpoch?: number;
  /** The citation style a copy uses unless the user picks another (issue #16): a built-in style's id or a user style's. */
  citationStyle?: string;
  /** Official CSL styles the user added in the options, offered beside Verbatim's own. */
  userStyles?: UserStyle[];
  /** CSL locale files the user added, by their `xml:lang` (`de-DE`…). */
  userLocales?: Record<string, string>;
  /** The daily review (issue #17): how many notes are reviewed for the first time each day; default 5. Per device. */
  reviewNewPerDay?: number;
  /** The daily review's reminder, a local time `HH:MM`; absent means off (the default). Per device: the notification permission is. */
  reviewReminderAt?: string;
}

/** A CSL style file the user added (issue #16), validated when added. */
export interface UserStyle {
  /** `user:` and the style's own `<id>`. */
  id: string;
  /** The style's `<title>`. */
  title: string;
  /** The CSL file as added. */
  xml: string;
}

/**
 * Settings that describe this device's database rather than the user's choices: a backup never
 * carries them, and an import ignores them (another device's "last backup" means nothing here).
 */
export const DEVICE_SETTINGS: ReadonlySet<string> = new Set(['lastBackupAt', 'backupReminderDismissedAt', 'libraryEpoch', 'reviewNewPerDay', 'reviewReminderAt'] satisfies Array<keyof Settings>);

/** What a note's editor may change (a page note's kind stays `page`; a passage's is one of PASSAGE_KINDS). */
export interface NotePatch {
  color?: Color;
  kind?: PassageKind;
  note?: string;
  tags?: string[];
  /** The speaker as the user set it (accepted, typed or cleared with `""`): clears `speakerProposed`. */
  speaker?: string;
  /**
   * With `kind: 'quote'` (a highlight made a quote where its passage is on screen): the speaker
   * Verbatim proposes from the text around it. Stored as a proposal only when the note has no
   * speaker: a proposal never replaces the user's word.
   */
  proposedSpeaker?: string;
}

/** A tag and how many notes carry it. */
export interface TagCount {
  tag: string;
  count: number;
}
