/**
 * A style or locale file the user adds (an official `.csl` of the Citation Style Language
 * project, or a `locales-xx-XX.xml`): checked before it is stored, so a copy never meets a style
 * that cannot cite. Pure: the checks read the XML as text and let citeproc-js format a sample.
 */
import type { UserStyle } from '../domain/model';
import { render, type Locales } from './engine';
import type { CslItem } from '../domain/csl';

/** Larger than any official style (the largest are about 100 kB). */
export const MAX_STYLE_BYTES = 1_000_000;

export type UserFileError =
  | { error: 'notCsl' }
  | { error: 'tooLarge' }
  | { error: 'dependent'; parent: string }
  | { error: 'broken'; detail: string };

const CSL_NS = 'http://purl.org/net/xbiblio/csl';

const SAMPLE: CslItem = {
  id: 'sample',
  type: 'webpage',
  title: 'Sample',
  author: [{ family: 'Martin', given: 'Jeanne' }],
  'container-title': 'Example',
  issued: { 'date-parts': [[2024, 3, 5]] },
  accessed: { 'date-parts': [[2026, 12, 4]] },
  URL: 'https://example.com/',
};

function unescapeXml(s: string): string {
  return s.replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/&apos;/gu, "'").replace(/&amp;/gu, '&');
}

/** The root element's start tag, past the XML declaration, comments and whitespace. */
function rootTag(xml: string): string | undefined {
  const body = xml.replace(/^\uFEFF/u, '').replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/gu, '').trimStart();
  return /^<([\w:-]+)\b[^>]*>/u.exec(body)?.[0];
}

/**
 * Whether every element is closed in order (citeproc-js's own reader forgives a missing end tag
 * and would cite with half a style). Comments, CDATA and processing instructions are skipped.
 */
export function wellFormed(xml: string): boolean {
  const stack: string[] = [];
  const body = xml.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>/gu, '');
  for (const m of body.matchAll(/<(\/?)([\w:.-]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|<|>/gu)) {
    if (m[0] === '<') return false;
    if (m[0] === '>') continue;
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      if (stack.pop() !== name) return false;
    } else if (!selfClosing) stack.push(name!);
  }
  return stack.length === 0;
}

/** Checks a style file and names it; an error says why it cannot be used. */
export function checkUserStyle(xml: string, locales: Locales): UserStyle | UserFileError {
  if (new TextEncoder().encode(xml).length > MAX_STYLE_BYTES) return { error: 'tooLarge' };
  const root = rootTag(xml);
  if (root && /^<style\b/u.test(root) && !wellFormed(xml)) return { error: 'broken', detail: 'not well-formed XML' };
  if (!root || !/^<style\b/u.test(root) || !root.includes(`"${CSL_NS}"`)) return { error: 'notCsl' };
  const info = /<info>([\s\S]*?)<\/info>/u.exec(xml)?.[1] ?? '';
  const parent = /<link\b[^>]*\brel="independent-parent"[^>]*>/u.exec(info)?.[0];
  if (parent || !/<citation\b/u.test(xml)) {
    const href = parent && /\bhref="([^"]+)"/u.exec(parent)?.[1];
    return { error: 'dependent', parent: href ? unescapeXml(href) : '' };
  }
  const title = unescapeXml(/<title>([\s\S]*?)<\/title>/u.exec(info)?.[1]?.trim() ?? '');
  const id = unescapeXml(/<id>([\s\S]*?)<\/id>/u.exec(info)?.[1]?.trim() ?? '');
  if (!title || !id) return { error: 'notCsl' };
  try {
    for (const lang of ['en-US', 'fr-FR']) {
      const out = render(SAMPLE, xml, locales, { lang, format: 'text' });
      if (!out.citation && !out.bibliography) return { error: 'broken', detail: 'empty' };
    }
  } catch (e) {
    return { error: 'broken', detail: String(e instanceof Error ? e.message : e).slice(0, 200) };
  }
  return { id: `user:${id}`, title: title.slice(0, 200), xml };
}

/** Checks a locale file; gives its language tag, or an error. */
export function checkUserLocale(xml: string, locales: Locales): { lang: string } | UserFileError {
  if (new TextEncoder().encode(xml).length > MAX_STYLE_BYTES) return { error: 'tooLarge' };
  const root = rootTag(xml);
  if (root && /^<locale\b/u.test(root) && !wellFormed(xml)) return { error: 'broken', detail: 'not well-formed XML' };
  if (!root || !/^<locale\b/u.test(root) || !root.includes(`"${CSL_NS}"`)) return { error: 'notCsl' };
  const lang = /\bxml:lang="([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)"/u.exec(root)?.[1];
  if (!lang) return { error: 'notCsl' };
  try {
    render(SAMPLE, PROBE, { ...locales, [lang]: xml }, { lang, format: 'text' });
  } catch (e) {
    return { error: 'broken', detail: String(e instanceof Error ? e.message : e).slice(0, 200) };
  }
  return { lang };
}

/** A minimal style to read a locale with. */
const PROBE = `<?xml version="1.0" encoding="utf-8"?><style xmlns="${CSL_NS}" class="in-text" version="1.0"><info><title>probe</title><id>probe</id><updated>2026-01-01T00:00:00+00:00</updated></info><citation><layout><date variable="issued" form="text"/></layout></citation></style>`;

export function isUserFileError(x: object): x is UserFileError {
  return 'error' in x;
}
