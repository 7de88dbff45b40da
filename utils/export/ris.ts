/**
 * RIS (the Research Information Systems tagged format that Zotero, Mendeley, EndNote and
 * RefWorks import): one record per article, its quotes and notes each an `N1` note, its tags
 * `KW`. Pure.
 * ```
 * TY  - ELEC
 * AU  - Dupont, Jeanne
 * TI  - L’État & « moi »
 * T2  - Le Monde
 * PY  - 2024
 * DA  - 2024/03/05/
 * UR  - https://example.fr/article
 * Y2  - 2026/12/04/
 * LA  - fr
 * KW  - politique
 * N1  - « Le passage » — Albert Camus
 * ER  -
 * ```
 * Lines end with CRLF, as the format's specification writes them; each value is one line.
 */
import type { CslDate, CslName, CslType } from '../domain/csl';
import type { ReferenceEntry } from './references';

const TYPES: Record<CslType, string> = {
  webpage: 'ELEC',
  'post-weblog': 'BLOG',
  'article-newspaper': 'NEWS',
  'article-magazine': 'MGZN',
  post: 'ELEC',
};

const CRLF = '\r\n';
export const PILCROW = '¶';

/**
 * One field, `TAG  - value`, on one line: readers differ on a value spanning lines (citation.js
 * joins them with a space, and ends the record at a blank line), so a paragraph break is written
 * ` ¶ ` and a line break a space.
 */
function line(tag: string, value: string): string {
  const text = value
    .replace(/\r\n?/gu, '\n')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/gu, '')
    .split(/\n[ \t]*\n/u)
    .map((para) => para.replace(/[ \t]*\n[ \t]*/gu, ' ').trim())
    .filter(Boolean)
    .join(` ${PILCROW} `)
    // `  - ` is what separates a tag from its value: readers split the line there again.
    .replace(/ {2,}-/gu, ' -');
  return `${tag}  - ${text}`;
}

/** RIS dates: `YYYY/MM/DD/`, missing parts empty. */
export function risDate(date: CslDate | undefined): string | undefined {
  const [y, m, d] = date?.['date-parts']?.[0] ?? [];
  if (!y) return undefined;
  const pad = (n: number | undefined) => (n ? String(n).padStart(2, '0') : '');
  return `${String(y).padStart(4, '0')}/${pad(m)}/${pad(d)}/`;
}

const risName = (n: CslName) => n.literal ?? [n.family, n.given].filter(Boolean).join(', ');

function risRecord({ item, notes, keywords }: ReferenceEntry): string {
  const out = [line('TY', TYPES[item.type] ?? 'ELEC')];
  for (const name of item.author ?? []) {
    const value = risName(name);
    if (value) out.push(line('AU', value));
  }
  if (item.title) out.push(line('TI', item.title));
  if (item['container-title']) out.push(line('T2', item['container-title']));
  const year = item.issued?.['date-parts']?.[0]?.[0];
  if (year) out.push(line('PY', String(year).padStart(4, '0')));
  const issued = risDate(item.issued);
  if (issued) out.push(line('DA', issued));
  if (item.URL) out.push(line('UR', item.URL));
  const accessed = risDate(item.accessed);
  if (accessed) out.push(line('Y2', accessed));
  if (item.language) out.push(line('LA', item.language));
  for (const k of keywords) out.push(line('KW', k));
  if (item.abstract) out.push(line('AB', item.abstract));
  for (const n of notes) out.push(line('N1', n));
  out.push('ER  - ');
  return out.join(CRLF) + CRLF;
}

/** The entries as an RIS file, records separated by a blank line. */
export function toRis(entries: readonly ReferenceEntry[]): string {
  return entries.map(risRecord).join(CRLF);
}
