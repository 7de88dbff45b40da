/**
 * CSL-JSON, the item format of the Citation Style Language (https://citeproc-js.readthedocs.io/
 * en/latest/csl-json/markup.html): what citeproc-js formats and what reference managers import.
 * Type-only: the subset Verbatim's sources (web pages, blog posts, news and magazine articles) use.
 */

/** A name: a person's family and given names, or an organisation's `literal` name. */
export interface CslName {
  family?: string;
  given?: string;
  /** "Jr.", "III". */
  suffix?: string;
  literal?: string;
}

/** A date as CSL-JSON writes it: `[[year, month?, day?]]`, or `raw` when it cannot be parsed. */
export interface CslDate {
  'date-parts'?: Array<[number, number?, number?]>;
  raw?: string;
}

export type CslType = 'webpage' | 'post-weblog' | 'article-newspaper' | 'article-magazine' | 'post';

export interface CslItem {
  id: string;
  type: CslType;
  title?: string;
  author?: CslName[];
  /** The site, blog, newspaper or magazine. */
  'container-title'?: string;
  publisher?: string;
  issued?: CslDate;
  accessed?: CslDate;
  URL?: string;
  /** BCP 47 tag of the source's language. */
  language?: string;
  abstract?: string;
  note?: string;
}
