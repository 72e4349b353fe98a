/** The ids of the demo partnership's registry rows, as `seedRegistry` inserted them. */
export interface DemoRegistry {
  territories: { jette: string; aitOurir: string };
  partnershipId: string;
  charterVersionId: string;
  consumerGroups: { gasap: string; amap: string };
  /** Members by group, in insertion order; the first member of the GASAP has a login. */
  members: { gasap: string[]; amap: string[] };
  cooperatives: { tighanimine: string; ourika: string };
  pickupPointId: string;
  transportOrganiserId: string;
  vehicles: { truck: string; container: string };
  products: { arganOil: string; dates: string; oliveOil: string; saffron: string };
}
