import type { PersonEmailPayload, PersonMessageData } from './person-messages';

/** One line of a stored cycle.allocated message: the offer it is about and the member's own figures. */
export interface StoredAllocatedLine {
  offer: string;
  pledged: number;
  allocated: number;
}

type AllocatedLine = PersonMessageData['cycle.allocated']['lines'][number];

/** What every message of an event shares, stored once per cycle and kind: for cycle.allocated, offer id → its facts. */
export type SharedFacts = Record<string, Omit<AllocatedLine, 'pledged' | 'allocated'>>;

function isStoredLine(line: unknown): line is StoredAllocatedLine {
  return typeof line === 'object' && line !== null && 'offer' in line && !('product' in line);
}

/**
 * The message as the renderer reads it: a stored cycle.allocated line names its offer, and
 * gets that offer's facts back here. Messages written whole (before the facts were shared, or
 * of any other kind) are returned as they are; a line whose offer has no facts is left out
 * rather than rendered with blanks.
 */
export function withSharedFacts(payload: PersonEmailPayload, facts: SharedFacts | null): PersonEmailPayload {
  if (payload.kind !== 'cycle.allocated') return payload;
  const data = payload.data as PersonMessageData['cycle.allocated'];
  const stored: unknown[] = data.lines;
  if (!stored.some(isStoredLine)) return payload;
  const lines = stored.flatMap((line): AllocatedLine[] => {
    if (!isStoredLine(line)) return [line as AllocatedLine];
    const offer = facts?.[line.offer];
    return offer ? [{ ...offer, pledged: line.pledged, allocated: line.allocated }] : [];
  });
  return { ...payload, data: { ...data, lines } };
}
