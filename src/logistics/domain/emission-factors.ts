import type { TransportMode } from './transport-modes';

/**
 * Emission factors per transport mode, well-to-wheel (ISO 14083:2023 / GLEC Framework v3):
 * TTW from DESNZ 2023 "Freighting goods" plus WTT from its "WTT- delivery vehs & freight", the
 * same rows. Used by dispatch (a shipment's CO2e) and by the manifest (the scope it states); the
 * sources and the rows are in docs/EMISSIONS.md.
 */
export const EMISSION_FACTORS_SOURCE =
  'UK government (DESNZ), Greenhouse gas reporting: conversion factors 2023, Freighting goods (TTW) + WTT- delivery vehs & freight (WTT)';

/** What the CO2e figures cover, stated on every manifest. */
export const EMISSIONS_SCOPE = {
  scope: 'well-to-wheel',
  standard: 'ISO 14083:2023 / GLEC Framework v3',
  source: EMISSION_FACTORS_SOURCE,
  year: 2023,
} as const;

/** g CO2e per tonne-km, well-to-wheel, by mode. */
export const GRAMS_CO2E_PER_TONNE_KM: Readonly<Record<TransportMode, number>> = {
  road: 133,
  rail: 35,
  sea: 19,
  air: 1270,
};
