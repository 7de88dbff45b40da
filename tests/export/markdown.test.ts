import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Article, Note, TextQuoteSelector } from '../../utils/domain/model';
import { linkToPassage } from '../../utils/domain/text-fragment';
import {
  articleToMarkdown,
  libraryToMarkdown,
  markdownFiles,
  obsidianTag,
  safeFileName,
  yamlString,
  zipFiles,
} from '../../utils/export/markdown';
import { sampleLibrary } from '../support/library';

const OPTS = { timeZone: 'UTC', now: Date.UTC(2026, 10, 5, 12) };

/** The front matter, parsed by a YAML 1.2 parser, and the body after it. */
function split(markdown: string): { front: Record<string, unknown>; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  if (!m) throw new Error('no front matter');
  return { front: parseYaml(m[1]!) as Record<string, unknown>, body: markdown.slice(m[0].length) };
}

const quoteOf = (note: Note) => note.selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector')!;
const { articles, notes } = sampleLibrary();
const [fr, en, wiki] = articles as [Article, Article, Article];

describe('articleToMarkdown', () => {
  it('writes front matter Obsidian reads, with every field as it was', () => {
    const { front } = split(articleToMarkdown(fr, notes.slice(0, 2), OPTS));
    expect(front).toEqual({
      title: 'L’État, c’est « moi » : notes sur le pouvoir',
      author: 'Jeanne d’Arc-Dupont',
      site: 'Le Monde',
      url: fr.url,
      published: '2024-03-05',
      clipped: '2024-03-07',
      tags: ['politique', 'histoire-de-france'],
    });
  });

  it('escapes quotes, colons, #, newlines and leading special characters in YAML', () => {
    const md = articleToMarkdown(en, notes.slice(2, 4), OPTS);
    const { front } = split(md);
    expect(front.title).toBe('"Quotes", colons: and #hashes — a test\nwith a newline');
    expect(front.author).toBe("O'Brien, Pat");
    expect(front.published).toBe('January 5, 2024');
    expect(front.tags).toEqual(['essays', 'leading-dash', 'brackets']);
    expect(md).toContain('title: "\\"Quotes\\", colons: and #hashes — a test\\nwith a newline"\n');
    // The heading stays on one line.
    expect(md).toContain('\n# "Quotes", colons: and \\#hashes — a test with a newline\n');
  });

  it('closes a quote’s blockquote with its speaker after a dash, escaped as text', () => {
    const quote = notes.find((n) => n.kind === 'quote')!;
    const md = articleToMarkdown(fr, [{ ...quote, speaker: 'Jean *le* Bon #roi' }], OPTS);
    expect(md).toMatch(/\n>\n> — Jean \\\*le\\\* Bon \\#roi\n/);
    expect(articleToMarkdown(fr, [quote], OPTS)).not.toContain('> —');
  });

  it('leaves out what the article does not have, and uses the creation date when it was never clipped', () => {
    const { front } = split(articleToMarkdown(wiki, [notes[4]!], OPTS));
    expect(front).toEqual({ title: 'Foo (bar) — Wikipédia', url: wiki.url, clipped: '2024-03-07', tags: [] });
  });

  it('writes each highlight as a blockquote ending with a text-fragment link, then its note and tags', () => {
    const { body } = split(articleToMarkdown(fr, notes.slice(0, 2), OPTS));
    const n0 = notes[0]!;
    const link = linkToPassage(n0.url, quoteOf(n0));
    expect(body).toBe(
      [
        '',
        '# L’État, c’est « moi » : notes sur le pouvoir',
        '',
        `> Le pouvoir, « disait-il », n’est rien sans l’adhésion. [↗](${link})`,
        '',
        'Voir aussi Tocqueville, chap. 3,',
        '« la tyrannie de la majorité ».',
        '',
        '#politique #à-relire',
        '',
        `> Et pourtant… [↗](${linkToPassage(fr.url, quoteOf(notes[1]!))})`,
        '',
        '🤔 D’accord, mais… "vraiment" ?',
        '',
        '#citations',
        '',
      ].join('\n'),
    );
    expect(link).toContain('#:~:text=');
  });

  it('puts highlights in reading order, whatever order they come in', () => {
    const md = articleToMarkdown(fr, [notes[1]!, notes[0]!], OPTS);
    expect(md.indexOf('Le pouvoir')).toBeLessThan(md.indexOf('Et pourtant'));
  });

  it('quotes every line of a passage over several lines, each a paragraph', () => {
    const { body } = split(articleToMarkdown(en, [notes[2]!], OPTS));
    expect(body).toContain('> First line, with a comma\n>\n> Second "quoted" line [↗](');
  });

  it('escapes Markdown and Obsidian syntax so passages and notes render as written', () => {
    const { body } = split(articleToMarkdown(en, [notes[3]!], OPTS));
    expect(body).toContain(
      '> Use \\*stars\\* and \\_underscores\\_, \\#hashtags, \\[\\[wiki\\]\\] and \\[links\\](x): \\$5 \\=\\= \\$5 \\%\\%hidden\\%\\% \\^block [↗](',
    );
    expect(body).toContain('\n1\\. not a list\n\\- nor this\n\\# nor a heading\n\\> nor a quote\n');
    expect(body).toContain('\n#machine-learning #_2024 #c\n');
  });

  it('keeps link destinations whole: parentheses and spaces are percent-encoded', () => {
    const { body } = split(articleToMarkdown(wiki, [notes[4]!], OPTS));
    const link = /\[↗\]\(([^)\s]+)\)/.exec(body)![1]!;
    expect(link.startsWith('https://fr.wikipedia.org/wiki/Foo_%28bar%29#:~:text=')).toBe(true);
    expect(decodeURIComponent(link)).toContain('Foo (bar) is a placeholder 😀 name.');
    expect(body).toContain('Emoji 😀, virgule, "guillemets" et\nretour chariot.');
    expect(body).toContain('#wiki/foo');
  });

  it('links a passage of whitespace only to the page itself, and does not link what is not a web page', () => {
    const blank: Note = { ...notes[0]!, exact: '   ', selectors: [{ type: 'TextQuoteSelector', exact: '   ' }] };
    expect(articleToMarkdown(fr, [blank], OPTS)).toContain(`[↗](${fr.url})`);
    const odd: Note = { ...notes[0]!, url: 'file:///home/x.html' };
    expect(articleToMarkdown(fr, [odd], OPTS)).not.toContain('[↗]');
  });

  it('writes dates in the time zone asked for', () => {
    const late: Article = { ...wiki, createdAt: Date.UTC(2024, 2, 7, 23, 30) };
    expect(split(articleToMarkdown(late, [], { timeZone: 'UTC' })).front.clipped).toBe('2024-03-07');
    expect(split(articleToMarkdown(late, [], { timeZone: 'Europe/Paris' })).front.clipped).toBe('2024-03-08');
  });
});

describe('yamlString', () => {
  it.each([
    'plain',
    '',
    '- leading dash',
    '* star',
    '& anchor',
    '! tag',
    '% directive',
    '@ at',
    '`backtick',
    '? question',
    ': colon',
    'key: value',
    '# comment',
    "l'apostrophe",
    '"double"',
    'back\\slash',
    'line\nbreak',
    'crlf\r\nend',
    'tab\there',
    'nul\u0000and\u0007bell',
    'line\u2028separator\u2029',
    '\uFEFFbom',
    'yes',
    'null',
    '~',
    '123',
    '0x1F',
    'true',
    '[flow, seq]',
    '{flow: map}',
    '« guillemets » et l’apostrophe 😀🇫🇷',
    '   padded   ',
  ])('%j survives a YAML parser', (value) => {
    expect(parseYaml(`k: ${yamlString(value)}`)).toEqual({ k: value });
  });

  it('replaces a lone surrogate, which UTF-8 cannot hold', () => {
    expect(parseYaml(`k: ${yamlString('a\uD800b')}`)).toEqual({ k: 'a\uFFFDb' });
  });
});

describe('obsidianTag', () => {
  it.each([
    ['politique', 'politique'],
    ['à relire', 'à-relire'],
    ['machine  learning', 'machine-learning'],
    ['Histoire De France', 'Histoire-De-France'],
    ['c++', 'c'],
    ['2024', '_2024'],
    ['20-24', '_20-24'],
    ['wiki/foo', 'wiki/foo'],
    ['/wiki//foo/', 'wiki/foo'],
    ['- leading dash', 'leading-dash'],
    ['[brackets]', 'brackets'],
    ['#déjà', 'déjà'],
    ['l’été', 'lété'],
    ['😀', ''],
    ['naïve_idée', 'naïve_idée'],
    ['日本語', '日本語'],
  ])('%j → %j', (tag, slug) => {
    expect(obsidianTag(tag)).toBe(slug);
  });
});

describe('libraryToMarkdown', () => {
  it('writes every article, newest first, with its notes, in one file', () => {
    const md = libraryToMarkdown(articles, notes, OPTS);
    const { front, body } = split(md);
    expect(front).toEqual({ title: 'Verbatim library', exported: '2026-11-05', tags: [] });
    const headings = [...body.matchAll(/^## (.*)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(['Foo (bar) — Wikipédia', '"Quotes", colons: and \\#hashes — a test with a newline', 'L’État, c’est « moi » : notes sur le pouvoir']);
    expect(body).toContain('- Author: Jeanne d’Arc-Dupont\n- Site: Le Monde\n- URL: <https://www.lemonde.fr/');
    expect(body).toContain('- Published: 2024-03-05\n- Clipped: 2024-03-07\n- Tags: #politique #histoire-de-france');
    for (const n of notes) expect(body).toContain(`[↗](`);
    expect(body.match(/^> .*\[↗\]\(/gm)).toHaveLength(5);
  });

  it('gives notes whose page has no article a section of their own', () => {
    const { body } = split(libraryToMarkdown([], [notes[1]!], OPTS));
    expect(body).toContain('## L’État, c’est « moi » : notes sur le pouvoir\n\n- Author: Jeanne d’Arc-Dupont');
  });
});

describe('safeFileName', () => {
  it.each([
    ['Le Monde: « L’État » / notes?', 'Le Monde « L’État » notes'],
    ['a\\b*c?d"e<f>g|h', 'a b c d e f g h'],
    ['#tag ^block [[link]]', 'tag block link'],
    ['...hidden', 'hidden'],
    ['trailing dots...', 'trailing dots'],
    ['  spaces  ', 'spaces'],
    ['line\nbreak\ttab', 'line break tab'],
    ['bidi \u202Eevil\u202C', 'bidi evil'],
    ['CON', 'CON_'],
    ['nul.txt', 'nul.txt_'],
    ['', 'Untitled'],
    ['/:*?', 'Untitled'],
    ['famille 👨‍👩‍👧 emoji', 'famille 👨‍👩‍👧 emoji'],
  ])('%j → %j', (title, name) => {
    expect(safeFileName(title)).toBe(name);
  });

  it('keeps names within 100 characters and 180 UTF-8 bytes, cut between whole characters', () => {
    expect(safeFileName('a'.repeat(300))).toHaveLength(100);
    const accents = safeFileName('é'.repeat(300));
    expect(new TextEncoder().encode(accents).length).toBeLessThanOrEqual(180);
    expect(accents).toBe('é'.repeat(90));
    const emoji = safeFileName('👨‍👩‍👧'.repeat(50));
    expect(emoji.length % '👨‍👩‍👧'.length).toBe(0);
    expect(new TextEncoder().encode(emoji).length).toBeLessThanOrEqual(180);
  });
});

describe('markdownFiles', () => {
  it('writes one file per article, with safe names unique ignoring case', () => {
    const same: Article[] = [
      { ...fr, id: 'a', url: 'https://a.fr/1', title: 'Même titre', createdAt: 3 },
      { ...fr, id: 'b', url: 'https://a.fr/2', title: 'même TITRE', createdAt: 2 },
      { ...fr, id: 'c', url: 'https://a.fr/3', title: 'Même titre', createdAt: 1 },
      { ...fr, id: 'd', url: 'https://a.fr/4/page', title: '', createdAt: 0 },
    ];
    const files = markdownFiles(same, [], OPTS);
    expect(files.map((f) => f.name)).toEqual(['Même titre.md', 'même TITRE (2).md', 'Même titre (3).md', 'a.fr 4 page.md']);
  });

  it('holds each article’s notes, and gives notes without an article a file', () => {
    const files = markdownFiles([fr], notes, OPTS);
    expect(files).toHaveLength(3);
    const byName = new Map(files.map((f) => [f.name, f.content]));
    expect(byName.get('L’État, c’est « moi » notes sur le pouvoir.md')).toBe(articleToMarkdown(fr, notes.slice(0, 2), OPTS));
    // No article, no attribution: named after the URL, without the scheme.
    expect([...byName.keys()].sort()).toEqual([
      'L’État, c’est « moi » notes sur le pouvoir.md',
      'fr.wikipedia.org wiki Foo_(bar).md',
      'www.theatlantic.com ideas archive 2024 01 essay 677000.md',
    ]);
  });
});

describe('zipFiles', () => {
  const MTIME = new Date(2024, 2, 7, 10, 0, 0);

  it('zips files that unzip to the same names and contents', () => {
    const files = markdownFiles(articles, notes, OPTS);
    const zip = zipFiles([...files, { name: 'dossier/données.bin', content: new Uint8Array([0, 1, 255]) }], { mtime: MTIME });
    const back = unzipSync(zip);
    expect(Object.keys(back).sort()).toEqual([...files.map((f) => f.name), 'dossier/données.bin'].sort());
    for (const f of files) expect(strFromU8(back[f.name]!)).toBe(f.content);
    expect([...back['dossier/données.bin']!]).toEqual([0, 1, 255]);
  });

  it('flags UTF-8 names as such, so every unzip tool reads « é » right', () => {
    const zip = zipFiles([{ name: 'L’été.md', content: 'x' }], { mtime: MTIME });
    expect([...zip.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const flags = zip[6]! | (zip[7]! << 8);
    expect(flags & 0x0800).toBe(0x0800);
  });

  it('is the same for the same files and time', () => {
    const files = [{ name: 'a.md', content: 'é' }];
    expect(zipFiles(files, { mtime: MTIME })).toEqual(zipFiles(files, { mtime: MTIME }));
  });

  it.each(['', '/etc/passwd', '../evil.md', 'a/../../b.md', 'a\\b.md', 'a//b.md', '__proto__'])('refuses the unsafe name %j', (name) => {
    expect(() => zipFiles([{ name, content: 'x' }])).toThrow(/unsafe file name/);
  });

  it('refuses two files with the same name, ignoring case', () => {
    expect(() => zipFiles([{ name: 'Note.md', content: 'a' }, { name: 'note.md', content: 'b' }])).toThrow(/two files named "note.md"/);
  });

  it('keeps a file whose name merely contains a prototype key', () => {
    expect(Object.keys(unzipSync(zipFiles([{ name: '__proto__.md', content: 'x' }])))).toEqual(['__proto__.md']);
  });
});
