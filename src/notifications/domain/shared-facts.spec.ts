import type { PersonEmailPayload } from './person-messages';
import { withSharedFacts, type SharedFacts } from './shared-facts';

const argan = {
  product: 'Argan oil',
  unit: '1 l bottle',
  cooperative: 'Tighanimine',
  excluded: false,
  rules: [],
  exportCap: 300,
  confirmed: 20,
  demand: 24,
};
const dates = { ...argan, product: 'Dates', unit: '1 kg box', exportCap: null, confirmed: null };
const facts: SharedFacts = [
  { offerId: 'offer-argan', ...argan },
  { offerId: 'offer-dates', ...dates },
];

function allocated(lines: unknown[]): PersonEmailPayload {
  return {
    kind: 'cycle.allocated',
    locale: 'fr',
    unsubscribe: null,
    data: { name: 'Lucie', season: 'S', seasonId: 's', month: '2031-06', lines } as never,
  };
}

const linesOf = (payload: PersonEmailPayload) => (payload.data as { lines: unknown[] }).lines;

describe('withSharedFacts', () => {
  it('gives each stored line its offer’s facts and keeps the member’s own figures, in order', () => {
    const payload = withSharedFacts(
      allocated([
        [0, 4, 3],
        [1, 2, 2],
      ]),
      facts,
    );
    expect(payload.data).toMatchObject({ name: 'Lucie', month: '2031-06' });
    expect(linesOf(payload)).toEqual([
      { ...argan, pledged: 4, allocated: 3 },
      { ...dates, pledged: 2, allocated: 2 },
    ]);
  });

  it('leaves out a line whose offer has no facts', () => {
    expect(
      linesOf(
        withSharedFacts(
          allocated([
            [5, 1, 1],
            [1, 2, 2],
          ]),
          facts,
        ),
      ),
    ).toEqual([{ ...dates, pledged: 2, allocated: 2 }]);
    expect(linesOf(withSharedFacts(allocated([[0, 1, 1]]), null))).toEqual([]);
  });

  it('returns messages written whole, and other kinds, as they are', () => {
    const whole = allocated([{ ...argan, pledged: 4, allocated: 4 }]);
    expect(withSharedFacts(whole, facts)).toBe(whole);
    const locked = { ...whole, kind: 'cycle.locked' as const };
    expect(withSharedFacts(locked, facts)).toBe(locked);
  });
});
