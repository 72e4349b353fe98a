import { checkEmissions, checkTransportMode, isTransportModeAllowed } from './transport-rules';

describe('transport rules', () => {
  it('TRANSPORT_MODE blocks a forbidden mode only', () => {
    const rules = { forbiddenTransportModes: ['air' as const] };
    expect(isTransportModeAllowed(rules, 'sea')).toBe(true);
    expect(checkTransportMode(rules, 'sea')).toBeNull();
    expect(checkTransportMode({}, 'air')).toBeNull();
    expect(checkTransportMode(rules, 'air')).toEqual({
      rule: 'TRANSPORT_MODE',
      severity: 'blocking',
      message:
        'Transport by air is forbidden by the charter (forbidden modes: air); this vehicle is not used.',
      effect: 'skip_vehicle',
      facts: { mode: 'air', forbiddenModes: ['air'] },
    });
    expect(checkTransportMode({ forbiddenTransportModes: ['sea', 'air'] }, 'sea')?.facts).toEqual({
      mode: 'sea',
      forbiddenModes: ['air', 'sea'],
    });
  });

  it('TRANSPORT_EMISSIONS warns above the maximum, not at it', () => {
    const rules = { maxEmissionsGramsPerKg: 250 };
    expect(checkEmissions(rules, 250)).toBeNull();
    expect(checkEmissions({}, 1e6)).toBeNull();
    expect(checkEmissions(rules, 250.01)).toEqual({
      rule: 'TRANSPORT_EMISSIONS',
      severity: 'warning',
      message:
        "This shipment emits 250.1 g CO2e per kg of goods, above the charter's maximum of 250 g per kg.",
      effect: 'none',
      facts: { gramsPerKg: 250.1, maxGramsPerKg: 250 },
    });
  });
});
