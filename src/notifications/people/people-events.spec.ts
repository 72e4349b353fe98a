import { eventWrittenLine, isCycleEventKind, peopleEventJobId, readEventWritten } from './people-events';

describe('cycle events to people', () => {
  it('logs a written event in a line read back as written (npm run bench times the messages with it)', () => {
    const written = { cycleId: '7f1c2d', kind: 'cycle.allocated' as const, messages: 100000, ms: 3950 };
    const line = eventWrittenLine(written);
    expect(line).toBe('cycle 7f1c2d: 100000 cycle.allocated message(s) written in 3950 ms');
    expect(readEventWritten(line)).toEqual(written);
  });

  it('tells that line apart from the others, and an unknown kind from a known one', () => {
    expect(readEventWritten('stage from confirming of cycle 7f1c2d: moved')).toBeNull();
    expect(readEventWritten('cycle 7f1c2d: 3 cycle.closing message(s) written in 5 ms')).toBeNull();
    expect(isCycleEventKind('statement.ready')).toBe(true);
    expect(isCycleEventKind('cycle.receipt_due')).toBe(false);
  });

  it('gives one job id per event, without the colon BullMQ refuses', () => {
    expect(peopleEventJobId('7f1c2d', 'cycle.locked')).toBe('people-7f1c2d-cycle.locked');
    expect(peopleEventJobId('7f1c2d', 'cycle.locked')).not.toContain(':');
  });
});
