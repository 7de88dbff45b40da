import type { LeftOutImage, SavedImage } from '../../utils/domain/model';
import { plural, t } from '../../utils/platform/i18n';

/**
 * Gives the saved copy's images their saved bytes, before the copy enters the document: an
 * `<img>` whose image was saved shows it from a `blob:` URL; any other (not saved, over the cap,
 * or clipped before images were saved) becomes a plain placeholder with its alt text, so opening
 * the reader never asks the web for anything. Inline `data:` images stay as they are.
 * `root`'s document must be inert (the sanitiser's): its images load nothing while rewritten.
 * Returns what revokes the `blob:` URLs.
 */
export function showImages(root: ParentNode, saved: readonly SavedImage[], leftOut: readonly LeftOutImage[]): () => void {
  const bytes = new Map(saved.map((image) => [image.url, image.data]));
  const reasons = new Map(leftOut.map((image) => [image.url, image.reason]));
  const urls = new Map<string, string>();
  for (const img of root.querySelectorAll('img')) {
    const src = img.getAttribute('src') ?? '';
    if (/^data:image\//i.test(src)) continue;
    const data = bytes.get(src);
    if (data) {
      let url = urls.get(src);
      if (!url) urls.set(src, (url = URL.createObjectURL(data)));
      img.setAttribute('src', url);
      continue;
    }
    img.replaceWith(placeholder(img, reasons.get(src)));
  }
  return () => {
    for (const url of urls.values()) URL.revokeObjectURL(url);
  };
}

/**
 * An image's stand-in: its alt text and why it is not there. Shown by CSS (`attr(data-label)`),
 * not as text in the copy, so the passages' positions in the text stay those of the saved copy.
 */
function placeholder(img: Element, reason: LeftOutImage['reason'] | undefined): Element {
  const alt = (img.getAttribute('alt') ?? '').trim();
  const why = t(reason === 'tooLarge' ? 'readerImageTooLarge' : reason === 'unreachable' ? 'readerImageUnreachable' : 'readerImageNotSaved');
  const label = alt ? `${why} ${alt}` : why;
  const span = img.ownerDocument.createElement('span');
  span.className = 'reader-image-missing';
  span.setAttribute('role', 'img');
  span.setAttribute('aria-label', label);
  span.setAttribute('data-label', label);
  return span;
}

/** What the reader says above the copy about images left out, or null when none were. */
export function imagesNotice(leftOut: readonly LeftOutImage[]): string | null {
  const over = leftOut.filter((i) => i.reason === 'tooLarge').length;
  const failed = leftOut.length - over;
  const parts: string[] = [];
  if (over) parts.push(plural(over, 'readerImagesOverCapOne', 'readerImagesOverCapOther'));
  if (failed) parts.push(plural(failed, 'readerImagesFailedOne', 'readerImagesFailedOther'));
  return parts.length ? parts.join(' ') : null;
}
