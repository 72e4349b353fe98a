/**
 * The API's 4xx messages, read into what the app can say in the reader's language.
 *
 * The server writes one English message per refusal, several joined by "; ", each naming the
 * field it is about first: `lines.0.quantity must not be less than 0` (class-validator's own
 * phrases, the field's path put in front by the validation pipe), `lines.0.quantity: 9 exceeds
 * the demand of 7` (the services' own). This file knows the phrases the app's journeys can
 * meet and turns each into a catalogue key (`server.*`) with its values; the page adds the
 * field's label. A phrase it does not know stays the server's text, marked as English where it
 * is shown (ui/ServerMessage.tsx).
 *
 * Pure: no React, no i18next, so that a test can read it alone.
 */

/** A value of a message, kept raw here and formatted in the reader's language when shown. */
export type MessageValue =
  | { number: number }
  | { status: string }
  | { month: string }
  | { months: string[] }
  | { thing: string }
  | { data: string };

export interface MessagePart {
  /** The field's path the part names (`lines.0.quantity`, `email`), if it names one. */
  field?: string;
  /** The catalogue key under `server.`, when the phrase is known. */
  key?: string;
  /** The values of the known phrase (`{ min: { number: 0 } }`). */
  values?: Record<string, MessageValue>;
  /** The server's own words for this part, after the field (the fallback). */
  text: string;
}

const n = (text: string): MessageValue => ({ number: Number(text) });
const status = (text: string): MessageValue => ({ status: text });
const data = (text: string): MessageValue => ({ data: text });

interface Rule {
  /** The phrase after the field, whole (anchored by the reader). */
  pattern: RegExp;
  key: string;
  values?: (match: RegExpExecArray) => Record<string, MessageValue>;
}

/**
 * The phrases the web journeys can meet: class-validator's standard ones on the forms' fields,
 * the password policy (src/users/domain/password-policy.ts), and the 4xx refusals of the
 * services the pages call (pledges, confirmations, receipts, delivery pledges, invitations,
 * accounts, the admin's set-up, stages and waivers, border documents).
 */
const RULES: Rule[] = [
  // class-validator
  { pattern: /must not be less than (-?[\d.]+)/, key: 'min', values: (m) => ({ min: n(m[1]) }) },
  { pattern: /must not be greater than (-?[\d.]+)/, key: 'max', values: (m) => ({ max: n(m[1]) }) },
  { pattern: /must be an integer number/, key: 'integer' },
  { pattern: /must be a number conforming to the specified constraints/, key: 'number' },
  { pattern: /must be a positive number/, key: 'positive' },
  { pattern: /should not be empty/, key: 'empty' },
  { pattern: /must be an email/, key: 'email' },
  {
    pattern: /must be longer than or equal to (\d+) characters?/,
    key: 'minLength',
    values: (m) => ({ count: n(m[1]) }),
  },
  {
    pattern: /must be shorter than or equal to (\d+) characters?/,
    key: 'maxLength',
    values: (m) => ({ count: n(m[1]) }),
  },
  { pattern: /must be a string/, key: 'string' },
  { pattern: /must be a UUID/, key: 'uuid' },
  { pattern: /must be a valid ISO 8601 date string/, key: 'date' },
  { pattern: /must be a URL address/, key: 'url' },
  { pattern: /must be a boolean value/, key: 'boolean' },
  {
    pattern: /must be one of the following values: (.+)/,
    key: 'oneOf',
    values: (m) => ({ values: data(m[1]) }),
  },
  { pattern: /must be a month as YYYY-MM/, key: 'month' },
  // a reference of a given form (border documents: `eur1Number: must be the EUR.1 serial number
  // (…), e.g. A 1234567`): the form's English description left out, the field's hint says it
  {
    pattern: /must be [^;]+, e\.g\. (\S+(?: \S+)?)/,
    key: 'format',
    values: (m) => ({ example: data(m[1]) }),
  },
  // the password policy
  {
    pattern: /must be at least (\d+) characters long/,
    key: 'minLength',
    values: (m) => ({ count: n(m[1]) }),
  },
  { pattern: /must be at most (\d+) characters long/, key: 'maxLength', values: (m) => ({ count: n(m[1]) }) },
  { pattern: /is one of the most common passwords; choose another/, key: 'commonPassword' },
  { pattern: /must not be the email address/, key: 'passwordIsEmail' },
  { pattern: /must differ from the current password/, key: 'samePassword' },
  { pattern: /this is not the current password/, key: 'wrongPassword' },
  { pattern: /this (?:invitation|reset) link is not valid \(.*\)/, key: 'linkInvalid' },
  { pattern: /the member of this invitation has left its group/, key: 'memberLeft' },
  { pattern: /Wrong email or password/, key: 'wrongLogin' },
  { pattern: /This account has been deactivated/, key: 'deactivated' },
  { pattern: /This session has ended; sign in again/, key: 'sessionEnded' },
  { pattern: /This action needs one of the roles: .+/, key: 'forbidden' },
  // pledges
  {
    pattern: /the (\d{4}-\d{2}) cycle is no longer open for pledges/,
    key: 'monthClosed',
    values: (m) => ({ month: { month: m[1] } }),
  },
  { pattern: /no month of this season is still open for pledges/, key: 'noOpenMonth' },
  { pattern: /this member has left its group: nobody pledges for it any more/, key: 'memberLeft' },
  { pattern: /this member has left its group/, key: 'memberLeft' },
  { pattern: /the member's consumer group is not enrolled in this season/, key: 'notEnrolled' },
  {
    pattern: /month (\d{4}-\d{2}) is not a month of this season/,
    key: 'notSeasonMonth',
    values: (m) => ({ month: { month: m[1] } }),
  },
  {
    pattern: /(\d{4}-\d{2}) is not a month of this season/,
    key: 'notSeasonMonth',
    values: (m) => ({ month: { month: m[1] } }),
  },
  { pattern: /offer \S+ is given twice/, key: 'offerTwice' },
  { pattern: /this offer appears twice/, key: 'offerTwice' },
  { pattern: /an offer appears twice/, key: 'offerTwice' },
  { pattern: /offer \S+ and month \S+ are given twice/, key: 'offerTwice' },
  { pattern: /\S+ is not an offer of this season/, key: 'notSeasonOffer' },
  { pattern: /\S+ is not an offer of this cooperative in this season/, key: 'notCooperativeOffer' },
  {
    pattern: /the cycles of ([\d, -]+) are no longer open for delivery pledges/,
    key: 'deliveryClosed',
    values: (m) => ({ months: { months: m[1].split(', ') } }),
  },
  // confirmations
  {
    pattern: /confirmations are taken while the cycle is confirming; it is (\w+)/,
    key: 'notConfirming',
    values: (m) => ({ status: status(m[1]) }),
  },
  { pattern: /this cooperative has no demand to confirm in this cycle/, key: 'noDemand' },
  { pattern: /not an offer of this cooperative in this cycle/, key: 'notCooperativeOffer' },
  {
    pattern: /(\d+) exceeds the demand of (\d+)/,
    key: 'aboveDemand',
    values: (m) => ({ quantity: n(m[1]), demand: n(m[2]) }),
  },
  {
    pattern: /version \d+ is stale: the (confirmation|receipt) was changed meanwhile \(now \d+\)/,
    key: 'stale',
    values: (m) => ({ what: { thing: m[1] } }),
  },
  // receipts
  {
    pattern: /receipts are recorded once the cycle is dispatched; it is (\w+)/,
    key: 'receiptsNotYet',
    values: (m) => ({ status: status(m[1]) }),
  },
  { pattern: /the cycle is settled: receipts can no longer be corrected/, key: 'receiptsSettled' },
  { pattern: /nothing was shipped to this group in this cycle/, key: 'nothingShipped' },
  { pattern: /not an offer shipped to this group in this cycle( \(.*\))?/, key: 'notShipped' },
  {
    pattern: /(\d+) exceeds the (\d+) units shipped \(a surplus is not recorded\)/,
    key: 'aboveShipped',
    values: (m) => ({ quantity: n(m[1]), shipped: n(m[2]) }),
  },
  // what exists only from a stage on (reads)
  {
    pattern: /\w+(?: \w+)? exists? once the cycle is (\w+); it is (\w+)/,
    key: 'notYet',
    values: (m) => ({ needed: status(m[1]), status: status(m[2]) }),
  },
  {
    pattern: /the distribution list exists once the group's delivery is recorded \(.*\); the cycle is (\w+)/,
    key: 'distributionNotYet',
    values: (m) => ({ status: status(m[1]) }),
  },
  // stages and waivers (admin)
  {
    pattern: /no stage can be run from status (\w+)/,
    key: 'noStage',
    values: (m) => ({ status: status(m[1]) }),
  },
  {
    pattern: /the cycle is (\w+): a waiver no longer changes its allocation/,
    key: 'waiverLate',
    values: (m) => ({ status: status(m[1]) }),
  },
  { pattern: /this violation is already waived/, key: 'alreadyWaived' },
  // people and organisations
  {
    pattern: /a user with email (\S+) already exists/,
    key: 'userExists',
    values: (m) => ({ email: data(m[1]) }),
  },
  {
    pattern: /the group already has a member with email (\S+)/,
    key: 'memberExists',
    values: (m) => ({ email: data(m[1]) }),
  },
  { pattern: /a coordinator may only invite members of its group/, key: 'coordinatorInvites' },
  { pattern: /no such [^;]+/, key: 'noSuch' },
  { pattern: /\w+(?: \w+)? not found(?: in this cycle)?/, key: 'notFound' },
  // the admin's set-up
  { pattern: /must be at least unitNetKg \(the packaging weighs something\)/, key: 'grossBelowNet' },
  { pattern: /the cooperative is not in the season’s producer territory/, key: 'notProducerTerritory' },
  { pattern: /the group is not in the season’s consumer territory/, key: 'notConsumerTerritory' },
  { pattern: /the group is already enrolled in this season/, key: 'alreadyEnrolled' },
  { pattern: /this cooperative already offers this product in the season/, key: 'alreadyOffered' },
  { pattern: /the last active admin cannot be deactivated or given another role/, key: 'lastAdmin' },
  // border documents (transporter)
  { pattern: /give an EUR\.1 number or an originDeclaration, not both/, key: 'eur1OrDeclaration' },
  { pattern: /an origin declaration needs the exporter's REX number/, key: 'rexNeeded' },
  {
    pattern: /the shipment carries no goods of cooperative \S+ and product \S+/,
    key: 'noSuchGoods',
  },
];

const PATH = String.raw`[a-zA-Z][\w]*(?:\.[\w]+)*`;

/** Each rule read at the start of what is left, ending where the message or its part ends. */
const READERS = RULES.map((rule) => ({
  rule,
  withField: new RegExp(String.raw`^(${PATH})(?:: | )${rule.pattern.source}(?=; |$)`),
  alone: new RegExp(String.raw`^${rule.pattern.source}(?=; |$)`),
}));

/** A part the app does not know: up to the next "; ", its field when it says one with ": ". */
function unknownPart(rest: string): MessagePart {
  const end = rest.indexOf('; ');
  const text = end < 0 ? rest : rest.slice(0, end);
  const named = new RegExp(String.raw`^(${PATH}): (.*)$`).exec(text);
  return named ? { field: named[1], text: named[2] } : { text };
}

function knownPart(rest: string): { part: MessagePart; length: number } | undefined {
  // A phrase read whole wins over reading its first word as a field ("no such…", "the…").
  for (const { rule, alone } of READERS) {
    const match = alone.exec(rest);
    if (match)
      return {
        part: { key: rule.key, values: rule.values?.(match) ?? {}, text: match[0] },
        length: match[0].length,
      };
  }
  for (const { rule, withField } of READERS) {
    const match = withField.exec(rest);
    if (!match) continue;
    const text = match[0].slice(match[1].length).replace(/^:? /, '');
    const phrase = new RegExp(`^${rule.pattern.source}$`).exec(text) as RegExpExecArray;
    return {
      part: { field: match[1], key: rule.key, values: rule.values?.(phrase) ?? {}, text },
      length: match[0].length,
    };
  }
  return undefined;
}

/** The parts of a server message, in order, each with its field and, if known, its key. */
export function parseServerMessage(message: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let rest = message.trim();
  while (rest.length > 0) {
    const known = knownPart(rest);
    const part = known?.part ?? unknownPart(rest);
    const length = known?.length ?? (rest.indexOf('; ') < 0 ? rest.length : rest.indexOf('; '));
    parts.push(part);
    rest = rest.slice(length).replace(/^; /, '');
  }
  return parts;
}

/** The field the message's first part names, if it names one (`email`, `lines.0.quantity`). */
export function fieldOfMessage(message: string): string | undefined {
  return parseServerMessage(message)[0]?.field;
}

/**
 * The line of the body sent that a field's path names: `lines.2.quantity` → 2; NaN for a path
 * that names no line (an index into the lines then finds nothing).
 */
export function lineIndexOf(path: string): number {
  return Number(/^lines\.(\d+)/.exec(path)?.[1] ?? NaN);
}

/** Every catalogue key (under `server.`) a known phrase is said with. */
export const SERVER_MESSAGE_KEYS: readonly string[] = [...new Set(RULES.map((rule) => rule.key))];
