import type { PersonNotificationKind } from './person-notification-kinds';
import type { PersonLocale } from './person-locale';
import { shortfallReason, type AllocatedOffer } from './shortfall';

/**
 * The e-mails to people, in their language. The fan-outs store each message as its kind,
 * locale and data (built by one INSERT … SELECT); the text is written here when the message
 * is sent, from that data alone.
 */

export interface GoodsLine {
  product: string;
  unit: string;
  cooperative: string;
  quantity: number;
}

export interface PersonMessageData {
  'cycle.closing': {
    name: string;
    season: string;
    seasonId: string;
    month: string;
    locksAt: string;
    timeZone: string;
    lines: GoodsLine[];
  };
  'cycle.locked': {
    group: string;
    season: string;
    seasonId: string;
    month: string;
    lines: GoodsLine[];
    unpledged: string[];
  };
  'cycle.allocated': {
    name: string;
    season: string;
    seasonId: string;
    month: string;
    lines: (AllocatedOffer & { product: string; unit: string; cooperative: string })[];
  };
  'cycle.dispatched': {
    group: string;
    season: string;
    month: string;
    loadingDate: string;
    dropPoint: string;
    shipments: {
      carrier: string;
      vehicle: string;
      mode: string;
      stop: number;
      stops: number;
      goods: { product: string; unit: string; units: number; packages: number }[];
    }[];
  };
  'cycle.receipt_due': { group: string; season: string; month: string; loadingDate: string; cycleId: string };
  'statement.ready':
    | {
        to: 'member';
        name: string;
        season: string;
        month: string;
        currency: string;
        goodsMinor: number;
        transportMinor: number;
        totalMinor: number;
      }
    | {
        to: 'cooperative';
        name: string;
        season: string;
        month: string;
        currency: string;
        dueMinor: number;
        producerCurrency: string;
        dueProducerMinor: number;
      };
}

/** What the outbox holds for a message to a person. */
export interface PersonEmailPayload<K extends PersonNotificationKind = PersonNotificationKind> {
  kind: K;
  locale: PersonLocale;
  /** whose preferences a one-click unsubscribe changes: a member without a login, or a user */
  unsubscribe: { type: 'member' | 'user'; id: string } | null;
  data: PersonMessageData[K];
}

export function isPersonEmailPayload(payload: unknown): payload is PersonEmailPayload {
  return typeof payload === 'object' && payload !== null && 'kind' in payload && 'data' in payload;
}

export interface MessageLinks {
  /** the web app's base URL */
  app: string;
  /** the one-click unsubscribe URL, when the message has one */
  unsubscribe?: string;
}

export interface RenderedMessage {
  subject: string;
  text: string;
}

interface Words {
  hello: (name: string) => string;
  closingSubject: (season: string, month: string) => string;
  closingIntro: (month: string, when: string) => string;
  closingNone: string;
  closingPledge: string;
  closingChange: string;
  lockedSubject: (group: string, month: string) => string;
  lockedIntro: (group: string, month: string) => string;
  lockedNoCommitment: string;
  lockedUnpledged: (count: number) => string;
  lockedAllPledged: string;
  allocatedSubject: (season: string, month: string) => string;
  allocatedIntro: (month: string) => string;
  allocatedLine: (product: string, allocated: number, pledged: number, unit: string) => string;
  reason: {
    excluded: (rules: string) => string;
    export_cap: (cap: number, demand: number) => string;
    confirmed_less: (confirmed: number, demand: number) => string;
    shared: string;
  };
  rules: Record<string, string>;
  dispatchedSubject: (group: string, month: string) => string;
  dispatchedIntro: (month: string, loadingDate: string, dropPoint: string) => string;
  dispatchedShipment: (carrier: string, vehicle: string, mode: string, stop: number, stops: number) => string;
  packages: (count: number) => string;
  receiptSubject: (group: string, month: string) => string;
  receiptText: (month: string, loadingDate: string) => string;
  statementSubject: (season: string, month: string) => string;
  statementMember: (goods: string, transport: string, total: string) => string;
  statementCooperative: (due: string, dueProducer: string) => string;
  unsubscribe: string;
  /** to a user with a login: where it chooses every kind of e-mail it receives */
  chooseEmails: string;
  signature: string;
}

const EN: Words = {
  hello: (name) => `Hello ${name},`,
  closingSubject: (season, month) => `${season}: pledges for ${month} close soon`,
  closingIntro: (month, when) => `Pledges for ${month} close on ${when}.`,
  closingNone: 'You have pledged nothing for this month yet.',
  closingPledge: 'Your pledge for this month:',
  closingChange: 'To change it:',
  lockedSubject: (group, month) => `${group}: ${month} is locked`,
  lockedIntro: (group, month) => `The pledges of ${group} for ${month} are locked. The group's commitments:`,
  lockedNoCommitment: 'The group committed to nothing this month.',
  lockedUnpledged: (count) =>
    count === 1 ? '1 member pledged nothing:' : `${count} members pledged nothing:`,
  lockedAllPledged: 'Every member pledged.',
  allocatedSubject: (season, month) => `${season}: your allocation for ${month}`,
  allocatedIntro: (month) => `Here is what you will receive in ${month}:`,
  allocatedLine: (product, allocated, pledged, unit) =>
    `${product}: ${allocated} of ${pledged} pledged (${unit})`,
  reason: {
    excluded: (rules) => `the offer was excluded by the charter (${rules})`,
    export_cap: (cap, demand) =>
      `demand (${demand}) was above what the charter lets the cooperative export (${cap}); shared pro rata`,
    confirmed_less: (confirmed, demand) =>
      `the cooperative confirmed ${confirmed} of the ${demand} asked; shared pro rata`,
    shared: 'the supply was shared pro rata in whole units',
  },
  rules: {
    ORGANIC_CERTIFICATE: 'no valid organic certificate',
    EXCLUDED_PRODUCT: 'a product the partnership excludes',
    LOCAL_SALES_SHARE: 'the cooperative sells too little locally',
    FAIR_PRICE: 'price below the fair price floor',
  },
  dispatchedSubject: (group, month) => `${group}: the goods for ${month} are on their way`,
  dispatchedIntro: (month, loadingDate, dropPoint) =>
    `The goods for ${month} are loaded on ${loadingDate} and brought to ${dropPoint}.`,
  dispatchedShipment: (carrier, vehicle, mode, stop, stops) =>
    `${carrier}, ${vehicle} (${mode}): your group is stop ${stop} of ${stops}. Expected:`,
  packages: (count) => (count === 1 ? '1 package' : `${count} packages`),
  receiptSubject: (group, month) => `${group}: please record what arrived for ${month}`,
  receiptText: (month, loadingDate) =>
    `The goods for ${month} were loaded on ${loadingDate}. Please record what arrived, so that the members' shares and statements can be made:`,
  statementSubject: (season, month) => `${season}: your statement for ${month}`,
  statementMember: (goods, transport, total) =>
    `Goods: ${goods}\nTransport share: ${transport}\nTotal: ${total}`,
  statementCooperative: (due, dueProducer) => `Due to you: ${due} (${dueProducer})`,
  unsubscribe: 'To stop receiving this kind of message:',
  chooseEmails: 'To choose which e-mails you receive, open your account:',
  signature: '— Proxima',
};

const FR: Words = {
  hello: (name) => `Bonjour ${name},`,
  closingSubject: (season, month) => `${season} : les engagements de ${month} ferment bientôt`,
  closingIntro: (month, when) => `Les engagements de ${month} ferment le ${when}.`,
  closingNone: 'Vous ne vous êtes encore engagé·e sur rien ce mois-ci.',
  closingPledge: 'Votre engagement pour ce mois :',
  closingChange: 'Pour le modifier :',
  lockedSubject: (group, month) => `${group} : ${month} est clôturé`,
  lockedIntro: (group, month) =>
    `Les engagements de ${group} pour ${month} sont clôturés. Les engagements du groupe :`,
  lockedNoCommitment: 'Le groupe ne s’est engagé sur rien ce mois-ci.',
  lockedUnpledged: (count) =>
    count === 1 ? '1 membre ne s’est engagé sur rien :' : `${count} membres ne se sont engagés sur rien :`,
  lockedAllPledged: 'Tous les membres se sont engagés.',
  allocatedSubject: (season, month) => `${season} : votre attribution pour ${month}`,
  allocatedIntro: (month) => `Voici ce que vous recevrez en ${month} :`,
  allocatedLine: (product, allocated, pledged, unit) =>
    `${product} : ${allocated} sur ${pledged} demandés (${unit})`,
  reason: {
    excluded: (rules) => `l’offre a été exclue par la charte (${rules})`,
    export_cap: (cap, demand) =>
      `la demande (${demand}) dépassait ce que la charte permet à la coopérative d’exporter (${cap}) ; répartition au prorata`,
    confirmed_less: (confirmed, demand) =>
      `la coopérative a confirmé ${confirmed} sur les ${demand} demandés ; répartition au prorata`,
    shared: 'l’offre a été répartie au prorata, en unités entières',
  },
  rules: {
    ORGANIC_CERTIFICATE: 'pas de certificat bio valide',
    EXCLUDED_PRODUCT: 'un produit que le partenariat exclut',
    LOCAL_SALES_SHARE: 'la coopérative vend trop peu localement',
    FAIR_PRICE: 'prix inférieur au prix plancher équitable',
  },
  dispatchedSubject: (group, month) => `${group} : les marchandises de ${month} sont en route`,
  dispatchedIntro: (month, loadingDate, dropPoint) =>
    `Les marchandises de ${month} sont chargées le ${loadingDate} et livrées à ${dropPoint}.`,
  dispatchedShipment: (carrier, vehicle, mode, stop, stops) =>
    `${carrier}, ${vehicle} (${mode}) : votre groupe est l’arrêt ${stop} sur ${stops}. Attendu :`,
  packages: (count) => (count === 1 ? '1 colis' : `${count} colis`),
  receiptSubject: (group, month) => `${group} : merci d’enregistrer ce qui est arrivé pour ${month}`,
  receiptText: (month, loadingDate) =>
    `Les marchandises de ${month} ont été chargées le ${loadingDate}. Merci d’enregistrer ce qui est arrivé, pour que les parts des membres et les relevés puissent être établis :`,
  statementSubject: (season, month) => `${season} : votre relevé pour ${month}`,
  statementMember: (goods, transport, total) =>
    `Marchandises : ${goods}\nPart du transport : ${transport}\nTotal : ${total}`,
  statementCooperative: (due, dueProducer) => `À vous verser : ${due} (${dueProducer})`,
  unsubscribe: 'Pour ne plus recevoir ce type de message :',
  chooseEmails: 'Pour choisir les e-mails que vous recevez, ouvrez votre compte :',
  signature: '— Proxima',
};

const AR: Words = {
  hello: (name) => `مرحبًا ${name}،`,
  closingSubject: (season, month) => `${season}: تُغلق الالتزامات لشهر ${month} قريبًا`,
  closingIntro: (month, when) => `تُغلق الالتزامات لشهر ${month} في ${when}.`,
  closingNone: 'لم تلتزم بأي شيء لهذا الشهر بعد.',
  closingPledge: 'التزامك لهذا الشهر:',
  closingChange: 'لتعديله:',
  lockedSubject: (group, month) => `${group}: أُغلق شهر ${month}`,
  lockedIntro: (group, month) => `أُغلقت التزامات ${group} لشهر ${month}. التزامات المجموعة:`,
  lockedNoCommitment: 'لم تلتزم المجموعة بأي شيء هذا الشهر.',
  lockedUnpledged: (count) => (count === 1 ? 'عضو واحد لم يلتزم بشيء:' : `${count} أعضاء لم يلتزموا بشيء:`),
  lockedAllPledged: 'التزم جميع الأعضاء.',
  allocatedSubject: (season, month) => `${season}: حصتك لشهر ${month}`,
  allocatedIntro: (month) => `هذا ما ستتسلمه في ${month}:`,
  allocatedLine: (product, allocated, pledged, unit) =>
    `${product}: ${allocated} من أصل ${pledged} ملتزم بها (${unit})`,
  reason: {
    excluded: (rules) => `استُبعد العرض بموجب الميثاق (${rules})`,
    export_cap: (cap, demand) =>
      `تجاوز الطلب (${demand}) ما يسمح الميثاق للتعاونية بتصديره (${cap})؛ وُزّع بالتناسب`,
    confirmed_less: (confirmed, demand) =>
      `أكدت التعاونية ${confirmed} من أصل ${demand} مطلوبة؛ وُزّع بالتناسب`,
    shared: 'وُزّع العرض بالتناسب بوحدات كاملة',
  },
  rules: {
    ORGANIC_CERTIFICATE: 'لا توجد شهادة عضوية سارية',
    EXCLUDED_PRODUCT: 'منتج تستبعده الشراكة',
    LOCAL_SALES_SHARE: 'تبيع التعاونية القليل محليًا',
    FAIR_PRICE: 'السعر أقل من الحد الأدنى العادل',
  },
  dispatchedSubject: (group, month) => `${group}: سلع شهر ${month} في الطريق`,
  dispatchedIntro: (month, loadingDate, dropPoint) =>
    `تُشحن سلع شهر ${month} في ${loadingDate} وتُسلَّم إلى ${dropPoint}.`,
  dispatchedShipment: (carrier, vehicle, mode, stop, stops) =>
    `${carrier}، ${vehicle} (${mode}): مجموعتك هي المحطة ${stop} من ${stops}. المتوقع:`,
  packages: (count) => (count === 1 ? 'طرد واحد' : `${count} طرود`),
  receiptSubject: (group, month) => `${group}: يُرجى تسجيل ما وصل لشهر ${month}`,
  receiptText: (month, loadingDate) =>
    `شُحنت سلع شهر ${month} في ${loadingDate}. يُرجى تسجيل ما وصل لتُحتسب حصص الأعضاء وكشوف الحساب:`,
  statementSubject: (season, month) => `${season}: كشف حسابك لشهر ${month}`,
  statementMember: (goods, transport, total) => `السلع: ${goods}\nحصة النقل: ${transport}\nالمجموع: ${total}`,
  statementCooperative: (due, dueProducer) => `المستحق لكم: ${due} (${dueProducer})`,
  unsubscribe: 'لإيقاف هذا النوع من الرسائل:',
  chooseEmails: 'لاختيار الرسائل الإلكترونية التي تتلقاها، افتح حسابك:',
  signature: '— بروكسيما',
};

const NL: Words = {
  hello: (name) => `Hallo ${name},`,
  closingSubject: (season, month) => `${season}: bestellingen voor ${month} sluiten binnenkort`,
  closingIntro: (month, when) => `Bestellingen voor ${month} sluiten op ${when}.`,
  closingNone: 'Je hebt voor deze maand nog niets besteld.',
  closingPledge: 'Je bestelling voor deze maand:',
  closingChange: 'Om ze te wijzigen:',
  lockedSubject: (group, month) => `${group}: ${month} is afgesloten`,
  lockedIntro: (group, month) =>
    `De bestellingen van ${group} voor ${month} zijn afgesloten. De toezeggingen van de groep:`,
  lockedNoCommitment: 'De groep heeft deze maand niets toegezegd.',
  lockedUnpledged: (count) => (count === 1 ? '1 lid bestelde niets:' : `${count} leden bestelden niets:`),
  lockedAllPledged: 'Alle leden hebben besteld.',
  allocatedSubject: (season, month) => `${season}: je toewijzing voor ${month}`,
  allocatedIntro: (month) => `Dit ontvang je in ${month}:`,
  allocatedLine: (product, allocated, pledged, unit) =>
    `${product}: ${allocated} van ${pledged} besteld (${unit})`,
  reason: {
    excluded: (rules) => `het aanbod werd uitgesloten door het charter (${rules})`,
    export_cap: (cap, demand) =>
      `de vraag (${demand}) lag boven wat het charter de coöperatie laat uitvoeren (${cap}); naar rato verdeeld`,
    confirmed_less: (confirmed, demand) =>
      `de coöperatie bevestigde ${confirmed} van de ${demand} gevraagd; naar rato verdeeld`,
    shared: 'het aanbod werd naar rato in hele eenheden verdeeld',
  },
  rules: {
    ORGANIC_CERTIFICATE: 'geen geldig biocertificaat',
    EXCLUDED_PRODUCT: 'een product dat het partnerschap uitsluit',
    LOCAL_SALES_SHARE: 'de coöperatie verkoopt te weinig lokaal',
    FAIR_PRICE: 'prijs onder de eerlijke minimumprijs',
  },
  dispatchedSubject: (group, month) => `${group}: de goederen voor ${month} zijn onderweg`,
  dispatchedIntro: (month, loadingDate, dropPoint) =>
    `De goederen voor ${month} worden geladen op ${loadingDate} en gebracht naar ${dropPoint}.`,
  dispatchedShipment: (carrier, vehicle, mode, stop, stops) =>
    `${carrier}, ${vehicle} (${mode}): je groep is stop ${stop} van ${stops}. Verwacht:`,
  packages: (count) => (count === 1 ? '1 pakket' : `${count} pakketten`),
  receiptSubject: (group, month) => `${group}: registreer wat er voor ${month} is aangekomen`,
  receiptText: (month, loadingDate) =>
    `De goederen voor ${month} werden geladen op ${loadingDate}. Registreer wat er is aangekomen, zodat de delen van de leden en de afrekeningen kunnen worden gemaakt:`,
  statementSubject: (season, month) => `${season}: je afrekening voor ${month}`,
  statementMember: (goods, transport, total) =>
    `Goederen: ${goods}\nAandeel transport: ${transport}\nTotaal: ${total}`,
  statementCooperative: (due, dueProducer) => `Aan jullie verschuldigd: ${due} (${dueProducer})`,
  unsubscribe: 'Om dit soort berichten niet meer te ontvangen:',
  chooseEmails: 'Om te kiezen welke e-mails u ontvangt, open uw account:',
  signature: '— Proxima',
};

const WORDS: Record<PersonLocale, Words> = { en: EN, fr: FR, ar: AR, nl: NL };

function monthName(month: string, locale: PersonLocale): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

function dayName(date: string, locale: PersonLocale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

function instant(iso: string, timeZone: string, locale: PersonLocale): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** An amount in minor units in the reader's conventions, exactly (Intl formats a decimal string). */
function money(minor: number, currency: string, locale: PersonLocale): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  const decimal = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return format.format(`${minor < 0 ? '-' : ''}${decimal}` as unknown as number);
}

const goods = (lines: GoodsLine[]) =>
  lines.map((line) => `  - ${line.product} (${line.cooperative}): ${line.quantity} × ${line.unit}`);

type Body = (words: Words, locale: PersonLocale, links: MessageLinks) => { subject: string; lines: string[] };

function bodies(payload: PersonEmailPayload): Body {
  switch (payload.kind) {
    case 'cycle.closing': {
      const d = payload.data as PersonMessageData['cycle.closing'];
      return (w, locale, links) => {
        const month = monthName(d.month, locale);
        return {
          subject: w.closingSubject(d.season, month),
          lines: [
            w.hello(d.name),
            '',
            w.closingIntro(month, instant(d.locksAt, d.timeZone, locale)),
            ...(d.lines.length === 0 ? [w.closingNone] : [w.closingPledge, ...goods(d.lines)]),
            '',
            w.closingChange,
            `${links.app}/seasons/${d.seasonId}/pledges/${d.month}`,
          ],
        };
      };
    }
    case 'cycle.locked': {
      const d = payload.data as PersonMessageData['cycle.locked'];
      return (w, locale, links) => {
        const month = monthName(d.month, locale);
        return {
          subject: w.lockedSubject(d.group, month),
          lines: [
            w.lockedIntro(d.group, month),
            ...(d.lines.length === 0 ? [w.lockedNoCommitment] : goods(d.lines)),
            '',
            ...(d.unpledged.length === 0
              ? [w.lockedAllPledged]
              : [w.lockedUnpledged(d.unpledged.length), ...d.unpledged.map((name) => `  - ${name}`)]),
            '',
            `${links.app}/seasons/${d.seasonId}/commitments/${d.month}`,
          ],
        };
      };
    }
    case 'cycle.allocated': {
      const d = payload.data as PersonMessageData['cycle.allocated'];
      return (w, locale, links) => {
        const month = monthName(d.month, locale);
        const explain = (line: (typeof d.lines)[number]) => {
          const why = shortfallReason(line);
          if (!why) return [];
          switch (why.reason) {
            case 'excluded':
              return [
                `      ${w.reason.excluded(why.rules.map((rule) => w.rules[rule] ?? rule).join(', '))}`,
              ];
            case 'export_cap':
              return [`      ${w.reason.export_cap(why.exportCap, why.demand)}`];
            case 'confirmed_less':
              return [`      ${w.reason.confirmed_less(why.confirmed, why.demand)}`];
            default:
              return [`      ${w.reason.shared}`];
          }
        };
        return {
          subject: w.allocatedSubject(d.season, month),
          lines: [
            w.hello(d.name),
            '',
            w.allocatedIntro(month),
            ...d.lines.flatMap((line) => [
              `  - ${w.allocatedLine(`${line.product} (${line.cooperative})`, line.allocated, line.pledged, line.unit)}`,
              ...explain(line),
            ]),
            '',
            `${links.app}/seasons/${d.seasonId}/months/${d.month}`,
          ],
        };
      };
    }
    case 'cycle.dispatched': {
      const d = payload.data as PersonMessageData['cycle.dispatched'];
      return (w, locale) => {
        const month = monthName(d.month, locale);
        return {
          subject: w.dispatchedSubject(d.group, month),
          lines: [
            w.dispatchedIntro(month, dayName(d.loadingDate, locale), d.dropPoint),
            '',
            ...d.shipments.flatMap((s) => [
              w.dispatchedShipment(s.carrier, s.vehicle, s.mode, s.stop, s.stops),
              ...s.goods.map((g) => `  - ${g.product}: ${g.units} × ${g.unit}, ${w.packages(g.packages)}`),
            ]),
          ],
        };
      };
    }
    case 'cycle.receipt_due': {
      const d = payload.data as PersonMessageData['cycle.receipt_due'];
      return (w, locale, links) => {
        const month = monthName(d.month, locale);
        return {
          subject: w.receiptSubject(d.group, month),
          lines: [
            w.receiptText(month, dayName(d.loadingDate, locale)),
            `${links.app}/cycles/${d.cycleId}/receipts`,
          ],
        };
      };
    }
    case 'statement.ready': {
      const d = payload.data as PersonMessageData['statement.ready'];
      return (w, locale) => {
        const month = monthName(d.month, locale);
        const amounts =
          d.to === 'member'
            ? w.statementMember(
                money(d.goodsMinor, d.currency, locale),
                money(d.transportMinor, d.currency, locale),
                money(d.totalMinor, d.currency, locale),
              )
            : w.statementCooperative(
                money(d.dueMinor, d.currency, locale),
                money(d.dueProducerMinor, d.producerCurrency, locale),
              );
        return { subject: w.statementSubject(d.season, month), lines: [w.hello(d.name), '', amounts] };
      };
    }
  }
}

/** The subject and text of a message to a person, in its locale. */
export function renderPersonMessage(payload: PersonEmailPayload, links: MessageLinks): RenderedMessage {
  const words = WORDS[payload.locale] ?? EN;
  const { subject, lines } = bodies(payload)(words, payload.locale, links);
  const footer = [
    ...(links.unsubscribe ? ['', words.unsubscribe, links.unsubscribe] : []),
    ...(payload.unsubscribe?.type === 'user' ? ['', words.chooseEmails, `${links.app}/account`] : []),
  ];
  return { subject, text: [...lines, '', words.signature, ...footer].join('\n') };
}
