import { allocateTimingsLine, readAllocateTimings } from './allocate.stage';

describe('the allocate stage timings line', () => {
  it('is read back as written (npm run bench splits the stage with it)', () => {
    const timings = { allocationMs: 4123, messages: 100000, messagesMs: 3950 };
    const line = allocateTimingsLine('7f1c…', timings);
    expect(line).toBe('cycle 7f1c…: allocated in 4123 ms, 100000 member message(s) written in 3950 ms');
    expect(readAllocateTimings(line)).toEqual(timings);
  });

  it('is told apart from the other lines', () => {
    expect(readAllocateTimings('cycle 7f1c…: locked in 200 ms')).toBeNull();
  });
});
