import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ErrorNotice } from '../../components/ErrorNotice';
import { NoteItem } from '../../components/NoteItem';
import { useNotesElsewhere } from '../../hooks/queries';
import { useWrite } from '../../hooks/useWrite';
import type { Elsewhere } from '../../utils/db/aliases';
import type { VerbatimDb } from '../../utils/db/schema';
import { callTab } from '../../utils/messaging/rpc';
import { t } from '../../utils/platform/i18n';
import { describeWriteError } from '../../utils/platform/write-error';
import { linkAddress } from '../../utils/services/library';

export type OtherAddressesProps = {
  db: VerbatimDb;
  /** The tab the popup shows. */
  tabId: number;
  /** Its page's normalised URL. */
  url: string;
};

/**
 * The addresses the tab's page declares for itself (canonical, og:url, AMP), asked of the page
 * once the popup has painted; none until it answers, or if it cannot (a page that refuses
 * extensions). Only for the URL this popup shows: a page that navigated meanwhile says nothing.
 */
function useDeclared(tabId: number, url: string): string[] {
  const [declared, setDeclared] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    callTab(tabId, 'declaredAddresses', {}).then(
      (reply) => live && reply.ok && reply.value.url === url && setDeclared(reply.value.addresses),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [tabId, url]);
  return declared;
}

/**
 * "Notes saved on another address of this article": notes of the same article saved at its AMP,
 * canonical or another address. Those the page shows already are listed to say so; those of an
 * address of another site that the page only claims to copy are shown here, in the popup, and drawn
 * on the page only if the user says so ("Show them on this page" links the two for good).
 */
export function OtherAddresses({ db, tabId, url }: OtherAddressesProps) {
  const declared = useDeclared(tabId, url);
  const elsewhere = useNotesElsewhere(db, url, declared);
  if (elsewhere.error) console.warn('Verbatim: notes of other addresses could not be read', elsewhere.error);
  const groups = elsewhere.value ?? [];
  if (groups.length === 0) return null;
  return (
    <section class="other-addresses" aria-labelledby="other-address-heading">
      <h2 id="other-address-heading" class="section-title">
        {t('otherAddressHeading')} ({groups.reduce((n, g) => n + g.notes.length, 0)})
      </h2>
      {groups.map((group) => (
        <AddressGroup key={group.url} db={db} tabId={tabId} url={url} group={group} />
      ))}
    </section>
  );
}

function AddressGroup({ db, tabId, url, group }: { db: VerbatimDb; tabId: number; url: string; group: Elsewhere }) {
  const { busy, error, setError, run } = useWrite('otherAddressLinkFailed', 'the page was not linked to its article');
  const showHere = () =>
    run(async () => {
      await linkAddress(db, group.url, url);
      // The page draws them now; the popup's list follows by itself (live query).
      await callTab(tabId, 'refresh', {});
    });
  const open = () => {
    setError(null);
    browser.tabs.create({ url: group.url }).catch((e: unknown) => setError(describeWriteError(e, 'openPassageFailed')));
  };
  return (
    <div class="other-address" data-url={group.url} data-shown={group.shown}>
      <p class="muted small">{t(group.shown ? 'otherAddressShown' : 'otherAddressNotShown')}</p>
      <p class="canonical small" title={group.url}>
        {group.title ? `${group.title} — ` : ''}
        {group.url}
      </p>
      <div class="clip-row">
        {!group.shown && (
          <button type="button" class="btn btn-primary" data-action="show-here" disabled={busy} onClick={() => void showHere()}>
            {t('otherAddressShowHere')}
          </button>
        )}
        <button type="button" class="link-button" data-action="open-elsewhere" onClick={open}>
          {t('otherAddressOpen')}
        </button>
      </div>
      <ErrorNotice error={error} />
      <ul class="notes">
        {group.notes.map((n) => (
          <NoteItem key={n.id} note={n} />
        ))}
      </ul>
    </div>
  );
}
