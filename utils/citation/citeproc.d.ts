/** The part of citeproc-js (npm `citeproc`, CommonJS, no types of its own) that Verbatim calls. */
declare module 'citeproc' {
  interface Sys {
    retrieveLocale(lang: string): string | false | undefined;
    retrieveItem(id: string): unknown;
  }
  interface CitationItem {
    id: string;
    prefix?: string;
    suffix?: string;
  }
  class Engine {
    constructor(sys: Sys, style: string, lang?: string, forceLang?: boolean);
    opt: { xclass: 'in-text' | 'note' };
    setOutputFormat(format: 'text' | 'html'): void;
    updateItems(ids: string[]): void;
    makeCitationCluster(items: CitationItem[]): string;
    makeBibliography(): false | [{ entry_ids: Array<Array<string | number>> }, string[]];
  }
  const CSL: { Engine: typeof Engine };
  export default CSL;
}
