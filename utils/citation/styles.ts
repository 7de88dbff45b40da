/**
 * The styles and locales Verbatim ships, as CSL files (utils/citation/csl/), bundled as text: no
 * network. Imported only by what formats citations (extension pages, on demand), never by the page.
 */
import apa from './csl/apa.csl?raw';
import mla from './csl/mla.csl?raw';
import chicagoAuthorDate from './csl/chicago-author-date.csl?raw';
import chicagoNotes from './csl/chicago-notes.csl?raw';
import isoFr from './csl/iso690-author-date-fr.csl?raw';
import isoEn from './csl/iso690-author-date-en.csl?raw';
import harvard from './csl/harvard.csl?raw';
import enUS from './csl/locales-en-US.xml?raw';
import frFR from './csl/locales-fr-FR.xml?raw';
import { BUILT_IN_STYLES, type StyleId } from './catalog';

export const STYLE_XML: Readonly<Record<StyleId, string>> = {
  apa,
  mla,
  'chicago-author-date': chicagoAuthorDate,
  'chicago-notes': chicagoNotes,
  'iso690-author-date-fr': isoFr,
  'iso690-author-date-en': isoEn,
  harvard,
};

export const LOCALE_XML: Readonly<Record<string, string>> = { 'en-US': enUS, 'fr-FR': frFR };

export { BUILT_IN_STYLES };
