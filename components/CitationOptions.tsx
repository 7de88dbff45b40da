import { useState } from 'preact/hooks';
import { useSettings } from '../hooks/queries';
import { useCitationStyles } from '../hooks/useCitationStyles';
import type { VerbatimDb } from '../utils/db/schema';
import { t } from '../utils/platform/i18n';
import { describeWriteError } from '../utils/platform/write-error';
import { setSetting } from '../utils/services/library';
import { addUserLocale, addUserStyle, removeUserLocale, removeUserStyle, type AddResult } from '../utils/services/citation-styles';
import { CitationStylePicker } from './CitationStylePicker';

export type CitationOptionsProps = { db: VerbatimDb };

/** What an add said, in the user's words. */
function said(result: AddResult, kind: 'style' | 'locale'): { text: string; error: boolean } {
  if (result.ok) return { text: t(kind === 'style' ? 'styleAdded' : 'localeAdded', result.name), error: false };
  switch (result.error) {
    case 'tooLarge':
      return { text: t('styleTooLarge'), error: true };
    case 'dependent':
      return { text: t('styleDependent', result.parent), error: true };
    case 'broken':
      return { text: t('styleBroken', result.detail), error: true };
    default:
      return { text: t('styleNotCsl'), error: true };
  }
}

/** Options › Citations: the default style, and the CSL styles and locales the user added. */
export function CitationOptions({ db }: CitationOptionsProps) {
  const settings = useSettings(db).value;
  const offered = useCitationStyles(db);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const run = (work: () => Promise<unknown>) => {
    setMessage(null);
    work().catch((err: unknown) => {
      console.error('Verbatim: citation setting not saved', err);
      setMessage({ text: describeWriteError(err, 'settingNotSaved', 'storageFullChangeNotSaved'), error: true });
    });
  };
  const add = (kind: 'style' | 'locale') => (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    run(async () => setMessage(said(await (kind === 'style' ? addUserStyle : addUserLocale)(db, await file.text()), kind)));
  };

  return (
    <section aria-labelledby="citations-heading" class="citation-options">
      <h2 id="citations-heading">{t('optionsCitations')}</h2>
      <p class="muted small" id="citations-help">
        {t('optionsCitationsHelp')}
      </p>
      <label class="field">
        {t('optionsDefaultStyle')}{' '}
        <CitationStylePicker offered={offered} value={offered.default} onPick={(id) => run(() => setSetting(db, 'citationStyle', id))} />
      </label>
      <p class="citation-files">
        <label class="btn file-button">
          {t('optionsAddStyle')}
          <input type="file" accept=".csl,application/vnd.citationstyles.style+xml,text/xml,application/xml" data-action="add-style" onChange={add('style')} />
        </label>{' '}
        <label class="btn file-button">
          {t('optionsAddLocale')}
          <input type="file" accept=".xml,text/xml,application/xml" data-action="add-locale" onChange={add('locale')} />
        </label>
      </p>
      {message && (
        <p class={`notice${message.error ? ' error' : ''}`} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {!!settings?.userStyles?.length && (
        <>
          <h3>{t('optionsYourStyles')}</h3>
          <ul class="user-styles">
            {settings.userStyles.map((s) => (
              <li key={s.id}>
                {s.title}{' '}
                <button type="button" class="link-button" aria-label={`${t('optionsRemove')} ${s.title}`} onClick={() => run(() => removeUserStyle(db, s.id))}>
                  {t('optionsRemove')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {!!Object.keys(settings?.userLocales ?? {}).length && (
        <>
          <h3>{t('optionsYourLocales')}</h3>
          <ul class="user-locales">
            {Object.keys(settings?.userLocales ?? {}).map((lang) => (
              <li key={lang}>
                {lang}{' '}
                <button type="button" class="link-button" aria-label={`${t('optionsRemove')} ${lang}`} onClick={() => run(() => removeUserLocale(db, lang))}>
                  {t('optionsRemove')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
