import type { Article } from '../../utils/domain/model';
import { isHttpUrl, normalizeUrl } from '../../utils/extract/url';
import { formatDate, t, uiLanguage } from '../../utils/platform/i18n';

/** A clipped article in brief: title, byline and site, length and language, canonical URL, excerpt. */
export function ArticleSummary({ article }: { article: Article }) {
  const meta = [
    article.byline && t('byline', article.byline),
    article.siteName,
    formatDate(article.publishedTime, 'long'),
  ].filter(Boolean);
  const size = [
    article.wordCount !== undefined && t('wordsReading', article.wordCount, article.readingMinutes ?? 1),
    languageName(article.lang),
  ].filter(Boolean);
  const canonical = canonicalOf(article);
  return (
    <div class="summary" data-testid="article-summary">
      <h2 id="page-title" class="page-title clamp">{article.title}</h2>
      {meta.length > 0 && <p class="muted small clamp">{meta.join(' · ')}</p>}
      {size.length > 0 && <p class="muted small">{size.join(' · ')}</p>}
      {canonical && (
        <p class="muted small canonical">
          {t('popupCanonicalUrl')}{' '}
          <a href={canonical} target="_blank" rel="noopener noreferrer" title={canonical} data-testid="canonical-url">
            {shortUrl(canonical)}
          </a>
        </p>
      )}
      {article.excerpt && <p class="excerpt">{article.excerpt}</p>}
    </div>
  );
}

/** "English", « anglais »: the language the article is in, named in the reader's language. */
export function languageName(lang: string | undefined, ui = uiLanguage()): string {
  if (!lang) return '';
  try {
    // The language alone: "en-GB" is English here, the detail is noise in a one-line summary.
    const base = new Intl.Locale(lang).language;
    return new Intl.DisplayNames([ui], { type: 'language', fallback: 'none' }).of(base) ?? '';
  } catch {
    return '';
  }
}

/** The page's canonical URL when it is another page than the one saved (and a web address). */
export function canonicalOf(article: Pick<Article, 'url' | 'canonicalUrl'>): string | undefined {
  const canonical = article.canonicalUrl;
  if (!canonical || !isHttpUrl(canonical)) return undefined;
  try {
    return normalizeUrl(canonical) === normalizeUrl(article.url) ? undefined : canonical;
  } catch {
    return undefined;
  }
}

/** `example.com/blog/post`: host and path, for a link that has little room. */
export function shortUrl(url: string): string {
  try {
    const { host, pathname } = new URL(url);
    return (host.replace(/^www\./u, '') + decodeSafe(pathname)).replace(/\/$/u, '');
  } catch {
    return url;
  }
}

function decodeSafe(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}
