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
const facts: SharedFacts = { 'offer-1': argan };

function allocated(lines: unknown[]): PersonEmailPayload {
  return {
    kind: 'cycle.allocated',
    locale: 'fr',
    unsubscribe: null,
    data: { name: 'Lucie', season: 'S', seasonId: 's', month: '2031-06', lines } as never,
  };
}

describe('withSharedFacts', () => {
  it('gives each stored line its offer’s facts and keeps the member’s own figures', () => {
    const payload = withSharedFacts(allocated([{ offer: 'offer-1', pledged: 4, allocated: 3 }]), facts);
    expect(payload.data).toMatchObject({ name: 'Lucie', lines: [{ ...argan, pledged: 4, allocated: 3 }] });
  });

  it('leaves out a line whose offer has no facts, and keeps the order of the others', () => {
    const payload = withSharedFacts(
      allocated([
        { offer: 'gone', pledged: 1, allocated: 1 },
        { offer: 'offer-1', pledged: 2, allocated: 2 },
      ]),
      facts,
    );
    expect((payload.data as { lines: unknown[] }).lines).toEqual([{ ...argan, pledged: 2, allocated: 2 }]);
    expect(
      (
        withSharedFacts(allocated([{ offer: 'offer-1', pledged: 1, allocated: 1 }]), null).data as {
          lines: unknown[];
        }
      ).lines,
    ).toEqual([]);
  });

  it('returns messages written whole, and other kinds, as they are', () => {
    const whole = allocated([{ ...argan, pledged: 4, allocated: 4 }]);
    expect(withSharedFacts(whole, facts)).toBe(whole);
    const locked = { ...whole, kind: 'cycle.locked' as const };
    expect(withSharedFacts(locked, facts)).toBe(locked);
  });
});
