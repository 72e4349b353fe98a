import type { Locale } from '../../logistics/domain/locales';

/**
 * The words of the CMR consignment note, in the transport organiser's language. The boxes are
 * numbered as on the IRU model form that carriers and customs know, which follows the
 * particulars of the CMR Convention's article 6.
 */
export interface CmrLabels {
  title: string;
  subtitle: string;
  convention: string;
  note: string;
  boxes: Record<CmrBox, string>;
  packing: string;
  none: string;
  manifest: string;
  eur1: string;
  originDeclaration: string;
  phytosanitary: string;
  coi: string;
  instructions: { customs: string; organic: string; plain: string };
  vehicle: string;
  signature: string;
  totals: string;
  page: (page: number, pages: number) => string;
}

export type CmrBox = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 16 | 17 | 18 | 21 | 22 | 23 | 24;

export const CMR_LABELS: Record<Locale, CmrLabels> = {
  en: {
    title: 'CMR',
    subtitle: 'International consignment note',
    convention:
      'This carriage is subject, notwithstanding any clause to the contrary, to the Convention on the Contract for the International Carriage of Goods by Road (CMR).',
    note: 'Note',
    boxes: {
      1: 'Sender (name, address, country)',
      2: 'Consignee (name, address, country)',
      3: 'Place of delivery of the goods',
      4: 'Place and date of taking over the goods',
      5: 'Documents attached',
      6: 'Marks and numbers',
      7: 'Number of packages',
      8: 'Method of packing',
      9: 'Nature of the goods',
      10: 'Statistical number (HS)',
      11: 'Gross weight, kg',
      12: 'Volume, m³',
      13: "Sender's instructions",
      16: 'Carrier (name, address, country)',
      17: 'Successive carriers',
      18: "Carrier's reservations and observations",
      21: 'Established in, on',
      22: 'Signature and stamp of the sender',
      23: 'Signature and stamp of the carrier',
      24: 'Goods received: signature and stamp of the consignee',
    },
    packing: 'packages',
    none: 'none',
    manifest: 'Transport manifest',
    eur1: 'EUR.1',
    originDeclaration: 'Origin declaration, exporter REX',
    phytosanitary: 'Phytosanitary certificate',
    coi: 'Certificates of inspection (organic)',
    instructions: {
      customs: 'Customs formalities at entry into the EU with the documents in box 5.',
      organic: 'Organic goods: the certificates of inspection travel with the goods.',
      plain: 'Deliver to the consignee at the place in box 3.',
    },
    vehicle: 'vehicle',
    signature: 'Place, date, signature',
    totals: 'Totals',
    page: (page, pages) => `page ${page} / ${pages}`,
  },
  fr: {
    title: 'CMR',
    subtitle: 'Lettre de voiture internationale',
    convention:
      'Ce transport est soumis, nonobstant toute clause contraire, à la Convention relative au contrat de transport international de marchandises par route (CMR).',
    note: 'Lettre',
    boxes: {
      1: 'Expéditeur (nom, adresse, pays)',
      2: 'Destinataire (nom, adresse, pays)',
      3: 'Lieu prévu pour la livraison de la marchandise',
      4: 'Lieu et date de la prise en charge de la marchandise',
      5: 'Documents annexés',
      6: 'Marques et numéros',
      7: 'Nombre des colis',
      8: "Mode d'emballage",
      9: 'Nature de la marchandise',
      10: 'No statistique (SH)',
      11: 'Poids brut, kg',
      12: 'Cubage, m³',
      13: "Instructions de l'expéditeur",
      16: 'Transporteur (nom, adresse, pays)',
      17: 'Transporteurs successifs',
      18: 'Réserves et observations du transporteur',
      21: 'Établie à, le',
      22: "Signature et timbre de l'expéditeur",
      23: 'Signature et timbre du transporteur',
      24: 'Marchandises reçues : signature et timbre du destinataire',
    },
    packing: 'colis',
    none: 'aucun',
    manifest: 'Manifeste de transport',
    eur1: 'EUR.1',
    originDeclaration: "Déclaration d'origine, exportateur REX",
    phytosanitary: 'Certificat phytosanitaire',
    coi: "Certificats d'inspection (bio)",
    instructions: {
      customs: "Formalités douanières à l'entrée dans l'UE avec les documents de la case 5.",
      organic: "Marchandises bio : les certificats d'inspection accompagnent la marchandise.",
      plain: 'Livrer au destinataire au lieu de la case 3.',
    },
    vehicle: 'véhicule',
    signature: 'Lieu, date, signature',
    totals: 'Totaux',
    page: (page, pages) => `page ${page} sur ${pages}`,
  },
};
