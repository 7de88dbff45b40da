import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { cardContent } from '../utils/card/content';
import type { CardLayout, CardSize } from '../utils/card/layout';
import { CARD_THEMES, DEFAULT_CARD_COLOR, type CardTheme } from '../utils/card/theme';
import type { Note, PageMeta } from '../utils/domain/model';
import { download } from '../utils/platform/download';
import { t, uiLanguage } from '../utils/platform/i18n';
import { Modal } from './Modal';
import { ErrorNotice } from './ErrorNotice';

export type QuoteCardDialogProps = {
  /** The quote (or highlight) the card shows. */
  note: Note;
  /** Its article, for the source line and the quote's language, when the library has it. */
  article?: PageMeta | undefined;
  onClose: () => void;
};

type Options = { size: CardSize; theme: CardTheme; color: string; qr: boolean };

/** The last choices, per device: the next card starts from them. */
const KEPT = 'verbatim:quote-card';
const DEFAULTS: Options = { size: 'square', theme: 'light', color: DEFAULT_CARD_COLOR, qr: false };

function keptOptions(): Options {
  try {
    const kept = JSON.parse(localStorage.getItem(KEPT) ?? '{}') as Partial<Options>;
    return {
      size: kept.size === 'wide' ? 'wide' : 'square',
      theme: CARD_THEMES.includes(kept.theme as CardTheme) ? (kept.theme as CardTheme) : 'light',
      color: typeof kept.color === 'string' && /^#[0-9a-f]{6}$/iu.test(kept.color) ? kept.color : DEFAULT_CARD_COLOR,
      qr: kept.qr === true,
    };
  } catch {
    return DEFAULTS;
  }
}

const SIZE_LABEL = { square: 'quoteCardSquare', wide: 'quoteCardWide' } as const;
const THEME_LABEL = { light: 'quoteCardLight', dark: 'quoteCardDark', color: 'quoteCardColor' } as const;
const PIXELS = { square: '1080x1080', wide: '1200x675' } as const;

/** A file name from the speaker or title: `albert-camus-1080x1080.png`. */
function fileName(words: string | undefined, size: CardSize): string {
  const slug = (words ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-|-$/gu, '')
    .slice(0, 40);
  return `${slug || 'quote'}-${PIXELS[size]}.png`;
}

/** Why something failed, as the browser put it, without its closing period (the message adds its own). */
const reason = (e: unknown) => (e instanceof Error ? e.message : String(e)).replace(/[.\s]+$/u, '');

/**
 * An image of a quote, for a slide or a post (issue #17): its size, colours (light, dark or the
 * user's, the text colour chosen for contrast), an optional QR code to the passage, a preview of
 * the very image, Download PNG and Copy image. Drawn here on a canvas by a module loaded when the
 * dialog opens; nothing goes to the network. Modal: Escape or Close closes it.
 */
export function QuoteCardDialog({ note, article, onClose }: QuoteCardDialogProps) {
  const [options, setOptions] = useState<Options>(keptOptions);
  const [layout, setLayout] = useState<CardLayout | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<{ text: string; failed: boolean } | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const first = useRef<HTMLInputElement>(null);
  const content = useMemo(() => cardContent(note, article, uiLanguage()), [note, article]);
  const draw = useRef<typeof import('../utils/card/draw') | null>(null);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    first.current?.focus();
    return () => opener?.focus?.();
  }, []);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        draw.current ??= await import('../utils/card/draw');
        await document.fonts?.ready;
        if (!live || !canvas.current) return;
        const drawn = draw.current.drawCard(canvas.current, content, options);
        // What was drawn where, for whoever checks the image against its layout.
        canvas.current.dataset.layout = JSON.stringify(drawn);
        canvas.current.dataset.drawn = `${options.size} ${options.theme} ${options.qr ? 'qr' : 'no-qr'}`;
        setLayout(drawn);
        setError(null);
      } catch (e) {
        if (live) setError(t('quoteCardFailed', reason(e)));
      }
    })();
    try {
      localStorage.setItem(KEPT, JSON.stringify(options));
    } catch {
      // Not kept: the next card starts from the defaults.
    }
    return () => {
      live = false;
    };
  }, [content, options]);

  const set = (patch: Partial<Options>) => {
    setStatus(null);
    setOptions((o) => ({ ...o, ...patch }));
  };

  const png = () => {
    if (!draw.current || !canvas.current) return Promise.reject(new Error(t('quoteCardDrawing')));
    return draw.current.cardPng(canvas.current);
  };

  const save = async () => {
    const name = fileName(content.speaker ?? article?.title, options.size);
    try {
      download(await png(), name, 'image/png');
      setStatus({ text: t('quoteCardDownloaded', name), failed: false });
    } catch (e) {
      setStatus({ text: t('quoteCardDownloadFailed', reason(e)), failed: true });
    }
  };

  const copy = async () => {
    try {
      // The PNG as a promise: Chrome keeps the click's permission while the image is made.
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': png() })]);
      setStatus({ text: t('quoteCardCopied'), failed: false });
    } catch (e) {
      setStatus({ text: t('quoteCardCopyFailed', reason(e)), failed: true });
    }
  };

  const described = [content.marks[0] + content.quote + content.marks[1], content.speaker].filter(Boolean).join(' — ');
  return (
    <Modal class="quote-card-dialog" labelledBy="quote-card-title" onClose={onClose}>
      <h2 id="quote-card-title" class="dialog-title">
        {t('quoteCardTitle')}
      </h2>
      <div class={`quote-card-preview quote-card-${options.size}`}>
        <canvas ref={canvas} class="quote-card-canvas" role="img" aria-label={t('quoteCardImage', described)} data-size={options.size} data-theme={options.theme} />
        {!layout && !error && <p class="muted small">{t('quoteCardDrawing')}</p>}
      </div>
      {layout?.quote.truncated && <p class="notice small quote-card-shortened">{t('quoteCardShortened')}</p>}
      <fieldset class="quote-card-choice">
        <legend class="small">{t('quoteCardSize')}</legend>
        {(['square', 'wide'] as const).map((size, i) => (
          <label key={size} class="small">
            <input ref={i === 0 ? first : undefined} type="radio" name="quote-card-size" value={size} checked={options.size === size} onChange={() => set({ size })} /> {t(SIZE_LABEL[size])}
          </label>
        ))}
      </fieldset>
      <fieldset class="quote-card-choice">
        <legend class="small">{t('quoteCardTheme')}</legend>
        {CARD_THEMES.map((theme) => (
          <label key={theme} class="small">
            <input type="radio" name="quote-card-theme" value={theme} checked={options.theme === theme} onChange={() => set({ theme })} /> {t(THEME_LABEL[theme])}
          </label>
        ))}
        <input
          type="color"
          class="quote-card-color"
          value={options.color}
          aria-label={t('quoteCardPickColor')}
          onInput={(e) => set({ color: e.currentTarget.value, theme: 'color' })}
        />
      </fieldset>
      <label class="small quote-card-qr">
        <input type="checkbox" checked={options.qr} onChange={(e) => set({ qr: e.currentTarget.checked })} /> {t('quoteCardQr')}
      </label>
      <ErrorNotice error={error} />
      <p class={`small quote-card-status${status?.failed ? ' notice error' : ''}`} role={status?.failed ? 'alert' : 'status'}>
        {status?.text ?? ''}
      </p>
      <div class="dialog-buttons">
        <button type="button" class="btn" onClick={onClose}>
          {t('close')}
        </button>
        <button type="button" class="btn" data-action="copy-card" disabled={!layout} onClick={() => void copy()}>
          {t('quoteCardCopy')}
        </button>
        <button type="button" class="btn btn-primary" data-action="download-card" disabled={!layout} onClick={() => void save()}>
          {t('quoteCardDownload')}
        </button>
      </div>
    </Modal>
  );
}
