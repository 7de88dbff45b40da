import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, hlcFromTime, nextHlc, wallOf } from '../../utils/domain/hlc';

const JAN_2025 = 1_735_689_600_000;

describe('hybrid logical clock stamps', () => {
  it('writes the time, a counter and the device, fixed width, so they sort as strings', () => {
    expect(hlcFromTime(JAN_2025, 'dev1')).toBe('001735689600000:00000:dev1');
    expect(nextHlc(undefined, JAN_2025, 'dev1')).toBe('001735689600000:00000:dev1');
    expect(wallOf('001735689600000:00007:dev1')).toBe(JAN_2025);
    // An earlier time with more digits still sorts first.
    expect(compareHlc(hlcFromTime(999, 'a'), hlcFromTime(1_000, 'a'))).toBeLessThan(0);
  });

  it('takes the clock when it moved on, else counts up from the last stamp', () => {
    const a = nextHlc(undefined, JAN_2025, 'd');
    const b = nextHlc(a, JAN_2025, 'd');
    expect(b).toBe('001735689600000:00001:d');
    expect(nextHlc(b, JAN_2025 + 5, 'd')).toBe('001735689600005:00000:d');
  });

  it('never goes back when the clock does', () => {
    const late = nextHlc(undefined, JAN_2025 + 60_000, 'd');
    const after = nextHlc(late, JAN_2025, 'd');
    expect(compareHlc(after, late)).toBeGreaterThan(0);
    expect(wallOf(after)).toBe(JAN_2025 + 60_000);
  });

  it('exceeds a far-future stamp it has seen: an edit made after it wins', () => {
    const future = hlcFromTime(JAN_2025 + 365 * 86_400_000, 'ahead');
    const mine = nextHlc(future, JAN_2025, 'here');
    expect(compareHlc(mine, future)).toBeGreaterThan(0);
    expect(mine > future).toBe(true);
  });

  it('moves to the next ms when the counter is full', () => {
    const full = '001735689600000:99999:d';
    expect(nextHlc(full, JAN_2025, 'd')).toBe('001735689600001:00000:d');
  });

  it('orders equal instants of two devices by device, and an absent stamp first', () => {
    expect(compareHlc(hlcFromTime(JAN_2025, 'a'), hlcFromTime(JAN_2025, 'b'))).toBeLessThan(0);
    expect(compareHlc(undefined, hlcFromTime(0, 'a'))).toBeLessThan(0);
    expect(compareHlc(hlcFromTime(0, 'a'), undefined)).toBeGreaterThan(0);
    expect(compareHlc('x', 'x')).toBe(0);
  });

  it('keeps a broken clock a stamp: negative, fractional or not a number', () => {
    expect(hlcFromTime(-5, 'd')).toBe('000000000000000:00000:d');
    expect(hlcFromTime(Number.NaN, 'd')).toBe('000000000000000:00000:d');
    expect(hlcFromTime(12.7, 'd')).toBe('000000000000012:00000:d');
    expect(wallOf('garbage')).toBe(0);
  });

  it('goes up at every stamp, whatever the clock does (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4_000_000_000_000 }), { minLength: 1, maxLength: 200 }), (clock) => {
        let prev: string | undefined;
        for (const now of clock) {
          const next = nextHlc(prev, now, 'dev');
          if (prev !== undefined) expect(compareHlc(next, prev)).toBeGreaterThan(0);
          expect(wallOf(next)).toBeGreaterThanOrEqual(now);
          prev = next;
        }
      }),
    );
  });
});
