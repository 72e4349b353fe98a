/**
 * Why a member was allocated less than it pledged on an offer, from the offer's figures in the
 * cycle: supply = min(confirmed, export cap, demand), 0 for an excluded offer, and the supply
 * is shared pro rata. The binding limit is the reason.
 */
export type ShortfallReason =
  | { reason: 'excluded'; rules: string[] }
  | { reason: 'export_cap'; exportCap: number; demand: number }
  | { reason: 'confirmed_less'; confirmed: number; demand: number }
  | { reason: 'shared' };

export interface AllocatedOffer {
  pledged: number;
  allocated: number;
  excluded: boolean;
  /** the charter rules that excluded the offer (unwaived, blocking) */
  rules: string[];
  exportCap: number | null;
  confirmed: number | null;
  demand: number;
}

export function shortfallReason(line: AllocatedOffer): ShortfallReason | null {
  if (line.allocated >= line.pledged) return null;
  if (line.excluded) return { reason: 'excluded', rules: line.rules };
  const confirmed = line.confirmed ?? line.demand;
  if (line.exportCap !== null && line.exportCap < line.demand && line.exportCap <= confirmed)
    return { reason: 'export_cap', exportCap: line.exportCap, demand: line.demand };
  if (confirmed < line.demand) return { reason: 'confirmed_less', confirmed, demand: line.demand };
  return { reason: 'shared' };
}
