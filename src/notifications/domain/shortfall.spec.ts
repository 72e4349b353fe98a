import fc from 'fast-check';
import { shortfallReason, type AllocatedOffer } from './shortfall';

const line = (overrides: Partial<AllocatedOffer>): AllocatedOffer => ({
  pledged: 10,
  allocated: 10,
  excluded: false,
  rules: [],
  exportCap: null,
  confirmed: 100,
  demand: 100,
  ...overrides,
});

describe('shortfallReason', () => {
  it('gives none when the member got what it pledged', () => {
    expect(shortfallReason(line({}))).toBeNull();
  });

  it('names the charter rules of an excluded offer', () => {
    expect(shortfallReason(line({ allocated: 0, excluded: true, rules: ['ORGANIC_CERTIFICATE'] }))).toEqual({
      reason: 'excluded',
      rules: ['ORGANIC_CERTIFICATE'],
    });
  });

  it('blames the export cap when it binds, else the confirmation', () => {
    expect(shortfallReason(line({ allocated: 5, exportCap: 50, confirmed: 80 }))).toEqual({
      reason: 'export_cap',
      exportCap: 50,
      demand: 100,
    });
    expect(shortfallReason(line({ allocated: 5, exportCap: 90, confirmed: 60 }))).toEqual({
      reason: 'confirmed_less',
      confirmed: 60,
      demand: 100,
    });
  });

  it('always explains a shortfall, and the reason it gives is a limit below the demand', () => {
    const seed = 20261201;
    console.info(`shortfallReason property: fast-check seed ${seed}`);
    fc.assert(
      fc.property(
        fc.record({
          pledged: fc.integer({ min: 1, max: 1000 }),
          demand: fc.integer({ min: 1, max: 10_000 }),
          exportCap: fc.option(fc.integer({ min: 0, max: 10_000 })),
          confirmed: fc.option(fc.integer({ min: 0, max: 10_000 })),
          excluded: fc.boolean(),
        }),
        (input) => {
          const reason = shortfallReason({ ...input, allocated: input.pledged - 1, rules: [] });
          expect(reason).not.toBeNull();
          if (reason!.reason === 'export_cap') expect(reason!.exportCap).toBeLessThan(input.demand);
          if (reason!.reason === 'confirmed_less') expect(reason!.confirmed).toBeLessThan(input.demand);
          if (input.excluded) expect(reason!.reason).toBe('excluded');
        },
      ),
      { seed },
    );
  });
});
