/**
 * The sources the style tests cite, and what each style's manual says they look like (written
 * from the manuals' own examples for the same kinds of source: APA 7 §§ 10.1, 10.16; MLA 9
 * 5.23, 5.111; Chicago 17 14.191, 14.206, 15.47, 15.51; ISO 690:2010 with its French edition;
 * Cite Them Right 12th ed.). HTML output, so italics are checked too.
 */
import { cslItemOf } from '../../utils/citation/item';

const accessed = new Date(2026, 11, 4);

export const ITEMS = {
  /** A blog post, one author, in French. */
  blog: cslItemOf(undefined, { id: 'blog', url: 'https://exemple.fr/blog/relation-client', title: 'La relation client au cœur de la stratégie', byline: 'Jeanne Martin', siteName: 'Le Blog du client', publishedTime: '2024-03-05' }, accessed),
  /** A newspaper article, two authors. */
  news: cslItemOf(undefined, { id: 'news', url: 'https://www.nytimes.com/2024/01/15/business/customers.html', title: 'Why Customers Stay', byline: 'Jane Doe and John Smith', siteName: 'The New York Times', publishedTime: '2024-01-15' }, accessed),
  /** A web page with no author and no date. */
  page: cslItemOf(undefined, { id: 'page', url: 'https://example.com/privacy', title: 'Privacy Policy', siteName: 'Example Corp' }, accessed),
};

/** [in-text citation or note, reference entry] by style, language and source. */
export const EXPECTED: Record<string, Record<string, Record<keyof typeof ITEMS, [string, string]>>> = {
  'apa': {
    'en-US': {
      blog: ["(Martin, 2024)", "Martin, J. (2024, March 5). La relation client au cœur de la stratégie. <i>Le Blog du client</i>. https://exemple.fr/blog/relation-client"],
      news: ["(Doe &#38; Smith, 2024)", "Doe, J., &#38; Smith, J. (2024, January 15). Why Customers Stay. <i>The New York Times</i>. https://www.nytimes.com/2024/01/15/business/customers.html"],
      page: ["(<i>Privacy Policy</i>, n.d.)", "<i>Privacy Policy</i>. (n.d.). Example Corp. https://example.com/privacy"],
    },
    'fr-FR': {
      blog: ["(Martin, 2024)", "Martin, J. (2024, 5 mars). La relation client au cœur de la stratégie. <i>Le Blog du client</i>. https://exemple.fr/blog/relation-client"],
      news: ["(Doe &#38; Smith, 2024)", "Doe, J., &#38; Smith, J. (2024, 15 janvier). Why Customers Stay. <i>The New York Times</i>. https://www.nytimes.com/2024/01/15/business/customers.html"],
      page: ["(<i>Privacy Policy</i>, s.d.)", "<i>Privacy Policy</i>. (s.d.). Example Corp. https://example.com/privacy"],
    },
  },
  'mla': {
    'en-US': {
      blog: ["(Martin)", "Martin, Jeanne. “La relation client au cœur de la stratégie.” <i>Le Blog du client</i>, 5 Mar. 2024, https://exemple.fr/blog/relation-client."],
      news: ["(Doe and Smith)", "Doe, Jane, and John Smith. “Why Customers Stay.” <i>The New York Times</i>, 15 Jan. 2024, https://www.nytimes.com/2024/01/15/business/customers.html."],
      page: ["(“Privacy Policy”)", "“Privacy Policy.” <i>Example Corp</i>, https://example.com/privacy. Accessed 4 Dec. 2026."],
    },
    'fr-FR': {
      blog: ["(Martin)", "Martin, Jeanne. « La relation client au cœur de la stratégie ». <i>Le Blog du client</i>, 5 mars 2024, https://exemple.fr/blog/relation-client."],
      news: ["(Doe et Smith)", "Doe, Jane, et John Smith. « Why Customers Stay ». <i>The New York Times</i>, 15 janv. 2024, https://www.nytimes.com/2024/01/15/business/customers.html."],
      page: ["(« Privacy Policy »)", "« Privacy Policy ». <i>Example Corp</i>, https://example.com/privacy. Consulté le 4 déc. 2026."],
    },
  },
  'chicago-author-date': {
    'en-US': {
      blog: ["(Martin 2024)", "Martin, Jeanne. 2024. “La relation client au cœur de la stratégie.” <i>Le Blog du client</i>, March 5, 2024. https://exemple.fr/blog/relation-client."],
      news: ["(Doe and Smith 2024)", "Doe, Jane, and John Smith. 2024. “Why Customers Stay.” <i>The New York Times</i>, January 15, 2024. https://www.nytimes.com/2024/01/15/business/customers.html."],
      page: ["(“Privacy Policy” n.d.)", "“Privacy Policy.” n.d. Example Corp. Accessed December 4, 2026. https://example.com/privacy."],
    },
    'fr-FR': {
      blog: ["(Martin 2024)", "Martin, Jeanne. 2024. « La relation client au cœur de la stratégie ». <i>Le Blog du client</i>, 5 mars 2024. https://exemple.fr/blog/relation-client."],
      news: ["(Doe et Smith 2024)", "Doe, Jane, et John Smith. 2024. « Why Customers Stay ». <i>The New York Times</i>, 15 janvier 2024. https://www.nytimes.com/2024/01/15/business/customers.html."],
      page: ["(« Privacy Policy » s.d.)", "« Privacy Policy ». s.d. Example Corp. Consulté le 4 décembre 2026. https://example.com/privacy."],
    },
  },
  'chicago-notes': {
    'en-US': {
      blog: ["Jeanne Martin, “La relation client au cœur de la stratégie,” <i>Le Blog du client</i>, March 5, 2024, https://exemple.fr/blog/relation-client.", "Martin, Jeanne. “La relation client au cœur de la stratégie.” <i>Le Blog du client</i>, March 5, 2024. https://exemple.fr/blog/relation-client."],
      news: ["Jane Doe and John Smith, “Why Customers Stay,” <i>The New York Times</i>, January 15, 2024, https://www.nytimes.com/2024/01/15/business/customers.html.", "Doe, Jane, and John Smith. “Why Customers Stay.” <i>The New York Times</i>, January 15, 2024. https://www.nytimes.com/2024/01/15/business/customers.html."],
      page: ["“Privacy Policy,” Example Corp, accessed December 4, 2026, https://example.com/privacy.", "“Privacy Policy.” Example Corp, accessed December 4, 2026. https://example.com/privacy."],
    },
    'fr-FR': {
      blog: ["Jeanne Martin, « La relation client au cœur de la stratégie », <i>Le Blog du client</i>, 5 mars 2024, https://exemple.fr/blog/relation-client.", "Martin, Jeanne. « La relation client au cœur de la stratégie ». <i>Le Blog du client</i>, 5 mars 2024. https://exemple.fr/blog/relation-client."],
      news: ["Jane Doe et John Smith, « Why Customers Stay », <i>The New York Times</i>, 15 janvier 2024, https://www.nytimes.com/2024/01/15/business/customers.html.", "Doe, Jane, et John Smith. « Why Customers Stay ». <i>The New York Times</i>, 15 janvier 2024. https://www.nytimes.com/2024/01/15/business/customers.html."],
      page: ["« Privacy Policy », Example Corp, consulté le 4 décembre 2026, https://example.com/privacy.", "« Privacy Policy ». Example Corp, consulté le 4 décembre 2026. https://example.com/privacy."],
    },
  },
  'iso690-author-date-fr': {
    'en-US': {
      blog: ["(MARTIN, 2024)", "MARTIN, Jeanne, 2024. La relation client au cœur de la stratégie. <i>Le Blog du client</i> [en ligne]. 5 mars 2024. [consulté le 4 décembre 2026]. Disponible à l’adresse : https://exemple.fr/blog/relation-client"],
      news: ["(DOE et SMITH, 2024)", "DOE, Jane et SMITH, John, 2024. Why Customers Stay. <i>The New York Times</i> [en ligne]. 15 janvier 2024. [consulté le 4 décembre 2026]. Disponible à l’adresse : https://www.nytimes.com/2024/01/15/business/customers.html"],
      page: ["(<i>Privacy Policy</i>, s.d.)", "<i>Privacy Policy</i> [en ligne], s.d. Example Corp. [consulté le 4 décembre 2026]. Disponible à l’adresse : https://example.com/privacy"],
    },
    'fr-FR': {
      blog: ["(MARTIN, 2024)", "MARTIN, Jeanne, 2024. La relation client au cœur de la stratégie. <i>Le Blog du client</i> [en ligne]. 5 mars 2024. [consulté le 4 décembre 2026]. Disponible à l’adresse : https://exemple.fr/blog/relation-client"],
      news: ["(DOE et SMITH, 2024)", "DOE, Jane et SMITH, John, 2024. Why Customers Stay. <i>The New York Times</i> [en ligne]. 15 janvier 2024. [consulté le 4 décembre 2026]. Disponible à l’adresse : https://www.nytimes.com/2024/01/15/business/customers.html"],
      page: ["(<i>Privacy Policy</i>, s.d.)", "<i>Privacy Policy</i> [en ligne], s.d. Example Corp. [consulté le 4 décembre 2026]. Disponible à l’adresse : https://example.com/privacy"],
    },
  },
  'iso690-author-date-en': {
    'en-US': {
      blog: ["(MARTIN, 2024)", "MARTIN, Jeanne, 2024. La relation client au cœur de la stratégie. <i>Le Blog du client</i> [online]. 5 March 2024. [accessed 4 December 2026]. Available from: https://exemple.fr/blog/relation-client"],
      news: ["(DOE and SMITH, 2024)", "DOE, Jane and SMITH, John, 2024. Why Customers Stay. <i>The New York Times</i> [online]. 15 January 2024. [accessed 4 December 2026]. Available from: https://www.nytimes.com/2024/01/15/business/customers.html"],
      page: ["(<i>Privacy Policy</i>, n.d.)", "<i>Privacy Policy</i> [online], n.d. Example Corp. [accessed 4 December 2026]. Available from: https://example.com/privacy"],
    },
    'fr-FR': {
      blog: ["(MARTIN, 2024)", "MARTIN, Jeanne, 2024. La relation client au cœur de la stratégie. <i>Le Blog du client</i> [online]. 5 March 2024. [accessed 4 December 2026]. Available from: https://exemple.fr/blog/relation-client"],
      news: ["(DOE and SMITH, 2024)", "DOE, Jane and SMITH, John, 2024. Why Customers Stay. <i>The New York Times</i> [online]. 15 January 2024. [accessed 4 December 2026]. Available from: https://www.nytimes.com/2024/01/15/business/customers.html"],
      page: ["(<i>Privacy Policy</i>, n.d.)", "<i>Privacy Policy</i> [online], n.d. Example Corp. [accessed 4 December 2026]. Available from: https://example.com/privacy"],
    },
  },
  'harvard': {
    'en-US': {
      blog: ["(Martin, 2024)", "Martin, J. (2024) ‘La relation client au cœur de la stratégie’, <i>Le Blog du client</i>, 5 March. Available at: https://exemple.fr/blog/relation-client (Accessed: 4 December 2026)."],
      news: ["(Doe and Smith, 2024)", "Doe, J. and Smith, J. (2024) ‘Why Customers Stay’, <i>The New York Times</i>, 15 January. Available at: https://www.nytimes.com/2024/01/15/business/customers.html (Accessed: 4 December 2026)."],
      page: ["(<i>Privacy Policy</i>, no date)", "<i>Privacy Policy</i> (no date) Available at: https://example.com/privacy (Accessed: 4 December 2026)."],
    },
    'fr-FR': {
      blog: ["(Martin, 2024)", "Martin, J. (2024) « La relation client au cœur de la stratégie », <i>Le Blog du client</i>, 5 mars. Disponible à : https://exemple.fr/blog/relation-client (Consulté le : 4 décembre 2026)."],
      news: ["(Doe et Smith, 2024)", "Doe, J. et Smith, J. (2024) « Why Customers Stay », <i>The New York Times</i>, 15 janvier. Disponible à : https://www.nytimes.com/2024/01/15/business/customers.html (Consulté le : 4 décembre 2026)."],
      page: ["(<i>Privacy Policy</i>, sans date)", "<i>Privacy Policy</i> (sans date) Disponible à : https://example.com/privacy (Consulté le : 4 décembre 2026)."],
    },
  },
};
