/**
 * Speaker detection (issue #16): how often the speaker proposed for a quoted passage is right
 * (precision: a wrong speaker is worse than none) and how many of the speakers the text names it
 * finds (recall), over the French and English cases of tests/support/speaker-cases.ts, each built
 * as a page in jsdom; the cases written after the rules (never tuned to) have a row of their own. Prints a Markdown table. Run from the project folder:
 *
 *   node bench/run.mjs speaker
 */
import { proposeSpeaker } from '../utils/quotes/speaker';
import { parse } from '../tests/support/dom';
import { SPEAKER_CASES, UNSEEN_CASES, caseContext, type SpeakerCase } from '../tests/support/speaker-cases';

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)} %` : '–');

export function main(): string {
  const doc = parse('<!doctype html><html><body></body></html>', 'https://example.com/');
  const rows: Array<[string, (c: SpeakerCase) => boolean]> = [
    ['French', (c) => c.lang === 'fr'],
    ['English', (c) => c.lang === 'en'],
    ['hard ones', (c) => !!c.hard],
    ['written after the rules, never tuned to', (c) => !!c.unseen],
    ['all', () => true],
  ];
  const results = [...SPEAKER_CASES, ...UNSEEN_CASES].map((c) => ({ c, got: proposeSpeaker(caseContext(doc, c)) ?? null }));
  const lines = ['| cases | count | with a speaker | proposed | right | wrong | precision | recall |', '|---|--:|--:|--:|--:|--:|--:|--:|'];
  for (const [label, keep] of rows) {
    const rs = results.filter((r) => keep(r.c));
    const proposed = rs.filter((r) => r.got !== null);
    const right = proposed.filter((r) => r.got === r.c.speaker).length;
    const named = rs.filter((r) => r.c.speaker !== null).length;
    lines.push(`| ${label} | ${rs.length} | ${named} | ${proposed.length} | ${right} | ${proposed.length - right} | ${pct(right, proposed.length)} | ${pct(right, named)} |`);
  }
  const wrong = results.filter((r) => r.got !== null && r.got !== r.c.speaker);
  for (const r of wrong) lines.push('', `Wrong: ${r.got} for ${r.c.speaker ?? 'nobody'} in ${r.c.html.slice(0, 80)}`);
  return lines.join('\n');
}
