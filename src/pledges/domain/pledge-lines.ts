/**
 * The index of the first line whose key an earlier line already has, or -1. Lines of a pledge
 * body must each name a different offer (and month, for delivery pledges).
 */
export function firstDuplicate(keys: readonly string[]): number {
  const seen = new Set<string>();
  for (let i = 0; i < keys.length; i += 1) {
    if (seen.has(keys[i])) return i;
    seen.add(keys[i]);
  }
  return -1;
}

/** The indexes of the lines whose offer is not among `known`, in order. */
export function unknownOffers(offerIds: readonly string[], known: readonly string[]): number[] {
  const knownSet = new Set(known);
  return offerIds.flatMap((id, i) => (knownSet.has(id) ? [] : [i]));
}
