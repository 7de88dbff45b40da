// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { speakerContext } from '../../utils/quotes/speaker-context';

/** The range over `text` inside the element matching `selector`. */
function select(selector: string, text: string): Range {
  const el = document.querySelector(selector)!;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const at = n.data.indexOf(text);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(n, at);
    range.setEnd(n, at + text.length);
    return range;
  }
  throw new Error(`no ${text}`);
}

describe('speakerContext', () => {
  it('gives the text before and after the passage, blocks on lines of their own, scripts left out', () => {
    document.body.innerHTML =
      '<nav>Menu Accueil</nav><article><h2>Le service client</h2><p>Marie <em>Curie</em> a dit :</p><script>var x = "Jean";</script>' +
      '<p>« Rien n’est à craindre, tout est à comprendre. » C’est dit.</p></article>';
    const ctx = speakerContext(select('article p + script + p', 'Rien n’est à craindre'));
    expect(ctx.quote).toBe('Rien n’est à craindre');
    expect(ctx.before).toBe('Le service client\nMarie Curie a dit :\n« ');
    expect(ctx.after).toBe(', tout est à comprendre. » C’est dit.');
    expect(ctx.cite).toBeUndefined();
  });

  it('reads a blockquote’s footer, a figure’s caption, and a cite address', () => {
    document.body.innerHTML =
      '<main><blockquote cite="https://fr.wikipedia.org/wiki/Albert_Camus"><p>Il faut imaginer Sisyphe heureux.</p><footer>— Albert Camus</footer></blockquote>' +
      '<figure><blockquote><p>Stay hungry.</p></blockquote><figcaption>Steve Jobs, 2005</figcaption></figure></main>';
    const camus = speakerContext(select('blockquote', 'Sisyphe'));
    expect(camus.cite).toBe('— Albert Camus');
    expect(camus.citeUrl).toBe('https://fr.wikipedia.org/wiki/Albert_Camus');
    expect(speakerContext(select('figure', 'Stay')).cite).toBe('Steve Jobs, 2005');
  });

  it('passes the page’s author along, and reads only the text near the passage', () => {
    document.body.innerHTML = `<article><p>${'Un long texte. '.repeat(200)}</p><p>Fin du texte.</p></article>`;
    const ctx = speakerContext(select('p + p', 'Fin'), 'Julie Moreau');
    expect(ctx.pageAuthor).toBe('Julie Moreau');
    expect(ctx.before.length).toBeLessThanOrEqual(1200);
    expect(ctx.before.endsWith('Un long texte. \n')).toBe(true);
  });
});
