import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ExportImport } from '../../components/ExportImport';
import { StorageStatus } from '../../components/StorageStatus';
import { CitationOptions } from '../../components/CitationOptions';
import { ReviewSettings } from '../../components/ReviewSettings';
import { SyncSetup } from '../../components/sync/SyncSetup';
import { useSettings, useTagCounts } from '../../hooks/queries';
import { useColorNames } from '../../hooks/useColorNames';
import type { VerbatimDb } from '../../utils/db/schema';
import { COLORS, type Color, type TagCount } from '../../utils/domain/model';
import { normalizeTag } from '../../utils/domain/tags';
import { SWATCH, colorName } from '../../utils/platform/colors';
import { plural, t } from '../../utils/platform/i18n';
import { describeWriteError } from '../../utils/platform/write-error';
import { setColorName, setSetting } from '../../utils/services/library';
import { renameTagChange } from '../../utils/services/changes';
import { UndoBar } from '../../components/UndoBar';
import { useUndo } from '../../hooks/useUndo';
import { MAX_IMAGE_BYTES } from '../../utils/extract/images';

export type AppProps = { db: VerbatimDb };

/** Settings: colour names, tags (rename and merge), clipping, citations, daily review, sync, backup and export, storage, keyboard shortcuts. */
export function App({ db }: AppProps) {
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <ColorNames db={db} />
      <Tags db={db} />
      <Clipping db={db} />
      <CitationOptions db={db} />
      <ReviewSettings db={db} />
      <SyncSetup db={db} />
      <section aria-labelledby="backup-heading">
        <h2 id="backup-heading">{t('backupHeading')}</h2>
        <ExportImport db={db} />
      </section>
      <section aria-labelledby="storage-heading">
        <h2 id="storage-heading">{t('storageHeading')}</h2>
        <StorageStatus db={db} />
      </section>
      <Shortcuts />
    </main>
  );
}

function ColorNames({ db }: { db: VerbatimDb }) {
  const names = useColorNames(db);
  return (
    <section aria-labelledby="colors-heading">
      <h2 id="colors-heading">{t('optionsColorsHeading')}</h2>
      <p class="muted">{t('optionsColorsHelp')}</p>
      <ul class="color-names">
        {COLORS.map((color) => (
          <li key={color}>
            <span class="swatch big" style={{ background: SWATCH[color] }} aria-hidden="true" />
            <ColorNameField db={db} color={color} stored={names[color] === colorName(color) ? '' : names[color]} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * One colour's name. The field keeps what the user types in its own state: the stored names
 * arrive from a live query that may answer after the user has started typing, and must not
 * wipe the field when it does.
 */
function ColorNameField({ db, color, stored }: { db: VerbatimDb; color: Color; stored: string }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const errorId = `color-name-error-${color}`;
  // A name saved here or in another window shows once the user is not typing in this field.
  useEffect(() => {
    if (document.activeElement !== field.current) setDraft(null);
  }, [stored]);
  return (
    <>
      <input
        ref={field}
        type="text"
        data-color={color}
        maxLength={40}
        aria-label={t('optionsColorName', colorName(color))}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        placeholder={colorName(color)}
        value={draft ?? stored}
        onInput={(e) => setDraft(e.currentTarget.value)}
        onChange={(e) => {
          setError(null);
          // Not saved: the field keeps what was typed (the draft), with why beside it.
          setColorName(db, color, e.currentTarget.value).catch((err: unknown) => {
            console.error('Verbatim: colour name not saved', err);
            setError(describeWriteError(err, 'settingNotSaved', 'storageFullChangeNotSaved'));
          });
        }}
      />
      {error && (
        <span id={errorId} class="error small" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

function Tags({ db }: { db: VerbatimDb }) {
  const tags = useTagCounts(db).value;
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  // A rename or merge is one change with its Undo, as in the side panel's Tags view.
  const undo = useUndo(db);
  return (
    <section aria-labelledby="tags-heading">
      <h2 id="tags-heading">{t('optionsTagsHeading')}</h2>
      <p class="muted">{t('optionsTagsHelp')}</p>
      {status && <p class="notice error" role="alert">{status.text}</p>}
      {undo.message && <UndoBar message={undo.message} failed={undo.failed} onUndo={undo.undoable ? () => void undo.undo() : undefined} onExpire={undo.dismiss} />}
      {tags?.length === 0 && <p class="muted">{t('optionsNoTags')}</p>}
      <ul class="tag-list">
        {tags?.map((entry) => (
          <TagRow
            key={entry.tag}
            entry={entry}
            all={tags}
            onRename={async (to) => {
              try {
                setStatus(null);
                await undo.run(
                  () => renameTagChange(db, entry.tag, to),
                  (c) => t('optionsTagRenamed', entry.tag, normalizeTag(to), plural(c.notes + c.articles, 'itemsCountOne', 'itemsCountOther')),
                );
              } catch (e) {
                setStatus({ text: describeWriteError(e, 'tagChangeFailed', 'storageFullChangeNotSaved'), error: true });
              }
            }}
          />
        ))}
      </ul>
    </section>
  );
}

function TagRow({ entry, all, onRename }: { entry: TagCount; all: TagCount[]; onRename: (to: string) => void }) {
  // The row is keyed by its tag, so a renamed tag is a new row with a fresh draft; nothing resets
  // the draft after mount (an effect that did erased what was typed before it ran).
  const [draft, setDraft] = useState(entry.tag);
  const target = normalizeTag(draft);
  const merges = target !== entry.tag && all.some((x) => x.tag === target);
  return (
    <li class="tag-row" data-tag={entry.tag}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (target && target !== entry.tag) onRename(draft);
        }}
      >
        <input type="text" value={draft} aria-label={t('optionsRenameTag', entry.tag)} onInput={(e) => setDraft(e.currentTarget.value)} />
        <span class="muted small">{plural(entry.count, 'notesCountOne', 'notesCountOther')}</span>
        {target && target !== entry.tag && (
          <button type="submit" class="btn btn-small">
            {merges ? t('optionsMergeInto', target) : t('optionsRename')}
          </button>
        )}
      </form>
    </li>
  );
}

/** Whether a clip saves the article's images with it (the reader shows them offline). */
function Clipping({ db }: { db: VerbatimDb }) {
  const settings = useSettings(db).value;
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="clipping-heading">
      <h2 id="clipping-heading">{t('optionsClippingHeading')}</h2>
      <label class="check">
        <input
          type="checkbox"
          name="saveImages"
          checked={settings?.saveImages !== false}
          disabled={!settings}
          aria-describedby="save-images-help"
          onChange={(e) => {
            setError(null);
            const on = e.currentTarget.checked;
            // Undefined is the default (on): nothing stored.
            setSetting(db, 'saveImages', on ? undefined : false).catch((err: unknown) => {
              console.error('Verbatim: setting not saved', err);
              setError(describeWriteError(err, 'settingNotSaved', 'storageFullChangeNotSaved'));
            });
          }}
        />{' '}
        {t('optionsSaveImages')}
      </label>
      <p id="save-images-help" class="muted small">
        {t('optionsSaveImagesHelp', String(MAX_IMAGE_BYTES / 1024 / 1024))}
      </p>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function Shortcuts() {
  const [commands, setCommands] = useState<Array<{ name?: string; description?: string; shortcut?: string }>>([]);
  useEffect(() => {
    browser.commands.getAll().then(setCommands, () => setCommands([]));
  }, []);
  return (
    <section aria-labelledby="keys-heading">
      <h2 id="keys-heading">{t('optionsKeysHeading')}</h2>
      <table class="keys">
        <tbody>
          {commands.filter((c) => c.description).map((c) => (
            <tr key={c.name}>
              <td>{c.description}</td>
              <td>{c.shortcut ? <kbd>{c.shortcut}</kbd> : <span class="muted">{t('optionsNoShortcut')}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted small">{t('optionsKeysHelp')}</p>
    </section>
  );
}
