import type { PersonEmailPayload, PersonMessageData } from './person-messages';

type AllocatedLine = PersonMessageData['cycle.allocated']['lines'][number];

/** One offer's facts in a cycle, the same in every member's cycle.allocated message. */
export type OfferFacts = Omit<AllocatedLine, 'pledged' | 'allocated'> & { offerId: string };

/**
 * What the messages of an event share, stored once per cycle and kind (notification_facts):
 * for cycle.allocated, the cycle's offers in the order of their products' names.
 */
export type SharedFacts = OfferFacts[];

/** A stored cycle.allocated line: [the offer's place in the shared facts, pledged, allocated]. */
export type StoredAllocatedLine = [place: number, pledged: number, allocated: number];

function isStoredLine(line: unknown): line is StoredAllocatedLine {
  return Array.isArray(line) && line.length === 3 && line.every((n) => typeof n === 'number');
}

/**
 * The message as the renderer reads it: each stored cycle.allocated line gets its offer's
 * facts back. Messages written whole (of any other kind, or lines already complete) are
 * returned as they are; a line whose offer has no facts is left out rather than rendered with
 * blanks.
 */
export function withSharedFacts(payload: PersonEmailPayload, facts: SharedFacts | null): PersonEmailPayload {
  if (payload.kind !== 'cycle.allocated') return payload;
  const data = payload.data as PersonMessageData['cycle.allocated'];
  const stored: unknown[] = data.lines;
  if (!stored.some(isStoredLine)) return payload;
  const lines = stored.flatMap((line): AllocatedLine[] => {
    if (!isStoredLine(line)) return [line as AllocatedLine];
    const [place, pledged, allocated] = line;
    const offer = facts?.[place];
    if (!offer) return [];
    const { offerId: _offerId, ...shared } = offer;
    return [{ ...shared, pledged, allocated }];
  });
  return { ...payload, data: { ...data, lines } };
}
