import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const LOCALES = join(import.meta.dirname, '..', '..', 'public', '_locales');
const load = (lang: string) =>
  JSON.parse(readFileSync(join(LOCALES, lang, 'messages.json'), 'utf8')) as Record<string, { message: string }>;

describe('locales', () => {
  const en = load('en');
  const langs = readdirSync(LOCALES);

  it('ships English and French', () => {
    expect(langs.sort()).toEqual(['en', 'fr']);
  });

  it.each(langs)('%s has exactly the English keys, each with a message and the same placeholders', (lang) => {
    const messages = load(lang);
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
    for (const [key, { message }] of Object.entries(messages)) {
      expect(message.trim(), key).not.toBe('');
      const placeholders = (m: string) => (m.match(/\$\d/g) ?? []).sort();
      expect(placeholders(message), key).toEqual(placeholders(en[key]!.message));
    }
  });

  it('every key the code uses exists', () => {
    const used = new Set<string>();
    const scan = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) scan(path);
        else if (/\.tsx?$/.test(entry.name)) {
          for (const m of readFileSync(path, 'utf8').matchAll(/\bt\('([A-Za-z]+)'|plural\([^,]+, '([A-Za-z]+)', '([A-Za-z]+)'\)/g)) {
            for (const k of m.slice(1)) if (k) used.add(k);
          }
        }
      }
    };
    for (const dir of ['entrypoints', 'components', 'hooks', 'utils']) scan(join(import.meta.dirname, '..', '..', dir));
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((k) => !(k in en))).toEqual([]);
  });
});
