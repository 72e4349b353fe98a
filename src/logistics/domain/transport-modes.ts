/** How a vehicle travels: the vehicles' mode, the charter's forbidden modes, the emission factors. */
export const TRANSPORT_MODES = ['road', 'rail', 'sea', 'air'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];
