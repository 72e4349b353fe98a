import { nextStep, receiptDueAt, type CycleFacts } from './next-step';

function cycle(month: string, status: string, overrides: Partial<CycleFacts> = {}): CycleFacts {
  const start = Date.parse(`${month}-01T00:00:00Z`);
  return {
    cycleId: `cycle-${month}`,
    month,
    status,
    locksAt: new Date(start - 20 * 86_400_000),
    confirmBy: new Date(start - 15 * 86_400_000),
    loadingDate: `${month}-01`,
    loadingAt: new Date(start),
    awaitingConfirmation: false,
    loads: false,
    carries: false,
    receiptPending: false,
    ...overrides,
  };
}

describe('nextStep', () => {
  const season = [
    cycle('2030-02', 'dispatched', { receiptPending: true, carries: true }),
    cycle('2030-03', 'confirming', { awaitingConfirmation: true }),
    cycle('2030-04', 'open'),
    cycle('2030-05', 'open'),
  ];

  it('sends a member to the earliest open month, until it locks', () => {
    expect(nextStep('member', season)).toEqual({
      cycleId: 'cycle-2030-04',
      month: '2030-04',
      status: 'open',
      action: 'pledge',
      deadline: season[2].locksAt,
      loadingDate: '2030-04-01',
    });
  });

  it('puts a coordinator’s missing receipt before its open months', () => {
    const next = nextStep('coordinator', season);
    expect(next).toMatchObject({ action: 'record_receipt', cycleId: 'cycle-2030-02' });
    expect(next!.deadline).toEqual(receiptDueAt(season[0]));
    expect(nextStep('coordinator', [season[0], { ...season[1] }, season[2]].slice(1))).toMatchObject({
      action: 'review_pledges',
      month: '2030-04',
    });
  });

  it('asks a cooperative to confirm before anything else, then to load', () => {
    expect(nextStep('cooperative', season)).toMatchObject({
      action: 'confirm',
      deadline: season[1].confirmBy,
    });
    const loading = [cycle('2030-03', 'allocated', { loads: true }), cycle('2030-04', 'open')];
    expect(nextStep('cooperative', loading)).toMatchObject({ action: 'load', month: '2030-03' });
    const confirmed = [
      cycle('2030-03', 'confirming', { awaitingConfirmation: false }),
      cycle('2030-04', 'open'),
    ];
    expect(nextStep('cooperative', confirmed)).toMatchObject({ action: 'plan_deliveries', month: '2030-04' });
  });

  it('gives a transporter its shipments, else the next loading date', () => {
    expect(nextStep('transporter', season)).toMatchObject({ action: 'carry', month: '2030-02' });
    expect(nextStep('transporter', season.slice(1))).toMatchObject({
      action: 'prepare_transport',
      month: '2030-03',
    });
  });

  it('gives an admin the next stage of the earliest unsettled cycle', () => {
    const next = nextStep('admin', [cycle('2030-01', 'settled'), ...season]);
    expect(next).toMatchObject({ action: 'run_stage', month: '2030-02' });
  });

  it('answers null when nothing is left', () => {
    const done = [cycle('2030-01', 'settled'), cycle('2030-02', 'received')];
    for (const role of ['member', 'coordinator', 'cooperative', 'transporter'] as const)
      expect(nextStep(role, done)).toBeNull();
    expect(nextStep('admin', [cycle('2030-01', 'settled')])).toBeNull();
  });
});
