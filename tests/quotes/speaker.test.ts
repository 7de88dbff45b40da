// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { proposeSpeaker } from '../../utils/quotes/speaker';
import { SPEAKER_CASES, UNSEEN_CASES, caseContext, type SpeakerCase } from '../support/speaker-cases';

// The cases the rules were written on, and those written after them (never tuned to).
const results = [...SPEAKER_CASES, ...UNSEEN_CASES].map((c) => ({ c, got: proposeSpeaker(caseContext(document, c)) ?? null }));

describe('proposeSpeaker on the French and English cases', () => {
  it('has at least 60 cases, both languages, the hard ones among them', () => {
    expect(SPEAKER_CASES.length).toBeGreaterThanOrEqual(60);
    for (const lang of ['fr', 'en'] as const) expect(SPEAKER_CASES.filter((c) => c.lang === lang).length).toBeGreaterThanOrEqual(25);
    expect(SPEAKER_CASES.filter((c) => c.hard).length).toBeGreaterThanOrEqual(20);
    expect(SPEAKER_CASES.filter((c) => c.speaker === null).length).toBeGreaterThanOrEqual(10);
  });

  it.each([
    ['all the cases', () => true],
    ['the cases written after the rules', (c: SpeakerCase) => !!c.unseen],
  ])('is right at least 95%% of the time it proposes someone (precision), over %s', (_what, keep) => {
    const proposed = results.filter((r) => keep(r.c) && r.got !== null);
    const right = proposed.filter((r) => r.got === r.c.speaker);
    expect(proposed.length).toBeGreaterThan(10);
    expect(right.length / proposed.length).toBeGreaterThanOrEqual(0.95);
  });

  it('finds most speakers the text names (recall)', () => {
    const named = results.filter((r) => r.c.speaker !== null);
    const found = named.filter((r) => r.got === r.c.speaker);
    expect(found.length / named.length).toBeGreaterThanOrEqual(0.85);
  });

  it.each(results.map((r) => [r.c.speaker ?? '(nobody)', r.c.html.slice(0, 70), r] as const))('%s: %s', (_s, _h, { c, got }) => {
    // Each case: the speaker or nothing, never someone else.
    if (c.speaker === null) expect(got).toBeNull();
    else expect([c.speaker, null]).toContain(got);
  });
});
