import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../cycle/queries';
import { useFormat } from '../../ui/format';
import { withNodes } from '../../ui/ServerMessage';

type Violation = Schemas['ViolationDto'];
type Facts = Violation['facts'];
type Format = ReturnType<typeof useFormat>;
type Translate = ReturnType<typeof useTranslation>['t'];

/** What a rule's sentence needs: its catalogue key, its values (already formatted) and its names. */
interface Sentence {
  key: string;
  values: Record<string, string | number>;
  names: Record<string, string>;
  /** The count the plural form is chosen by, when the sentence has one. */
  count?: number;
  /** A second sentence said after it (the certificates on file). */
  then?: Sentence;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';
const numbers = (facts: Facts, ...keys: (keyof Facts)[]) => keys.every((key) => isNumber(facts[key]));

/** The offer as a sentence names it: its product and cooperative, their ids when the names are not known. */
function offerNames(facts: Facts): Record<string, string> | null {
  if (!isText(facts.offerId)) return null;
  return {
    product: facts.product ?? facts.offerId,
    cooperative: facts.cooperative ?? facts.cooperativeId ?? '',
  };
}

/**
 * The sentence of a violation from its facts, per rule; null when the rule is not one the app
 * knows or a fact the sentence needs is missing (a violation recorded before facts were kept).
 */
function sentenceOf(violation: Violation, t: Translate, format: Format): Sentence | null {
  const facts: Facts = violation.facts ?? {};
  const units = (count: number) => t('violation.units', { count, formatted: format.number(count) });
  const percent = (share: number, signDisplay: Intl.NumberFormatOptions['signDisplay'] = 'auto') =>
    format.number(share, { style: 'percent', maximumFractionDigits: 2, signDisplay });
  const grams = (value: number) =>
    format.number(value, { style: 'unit', unit: 'gram', maximumFractionDigits: 1 });
  const offer = offerNames(facts);
  switch (violation.rule) {
    case 'ORGANIC_CERTIFICATE': {
      if (!offer || !isText(facts.loadingDate) || !isNumber(facts.certificates)) return null;
      const count = facts.certificates;
      return {
        key: 'violation.ORGANIC_CERTIFICATE',
        values: { date: format.date(facts.loadingDate) },
        names: offer,
        then:
          count > 0
            ? {
                key: 'violation.certificatesOnFile',
                values: { formatted: format.number(count) },
                names: {},
                count,
              }
            : undefined,
      };
    }
    case 'EXCLUDED_PRODUCT':
      return offer ? { key: 'violation.EXCLUDED_PRODUCT', values: {}, names: offer } : null;
    case 'LOCAL_SALES_SHARE':
      if (!isText(facts.cooperativeId) || !numbers(facts, 'share', 'minShare', 'offers')) return null;
      return {
        key: 'violation.LOCAL_SALES_SHARE',
        values: {
          share: percent(facts.share!),
          minimum: percent(facts.minShare!),
          formatted: format.number(facts.offers!),
        },
        names: { cooperative: facts.cooperative ?? facts.cooperativeId },
        count: facts.offers,
      };
    case 'FAIR_PRICE':
      if (!offer || !isText(facts.currency) || !numbers(facts, 'priceMinor', 'floorMinor')) return null;
      return {
        key: 'violation.FAIR_PRICE',
        values: {
          price: format.money(facts.priceMinor!, facts.currency),
          floor: format.money(facts.floorMinor!, facts.currency),
        },
        names: offer,
      };
    case 'EXPORT_SHARE':
      if (!offer || !numbers(facts, 'demand', 'share', 'capacity', 'capUnits')) return null;
      return {
        key: 'violation.EXPORT_SHARE',
        values: {
          demand: units(facts.demand!),
          share: percent(facts.share!),
          capacity: units(facts.capacity!),
          cap: units(facts.capUnits!),
        },
        names: offer,
      };
    case 'COMMITMENT_STABILITY':
      if (
        !isText(facts.offerId) ||
        !isText(facts.consumerGroupId) ||
        !numbers(facts, 'firstMonth', 'quantity', 'variation', 'maxVariation')
      )
        return null;
      return {
        key: 'violation.COMMITMENT_STABILITY',
        values: {
          first: units(facts.firstMonth!),
          quantity: units(facts.quantity!),
          variation: percent(facts.variation!, 'exceptZero'),
          maximum: percent(facts.maxVariation!),
        },
        names: { group: facts.group ?? facts.consumerGroupId, product: facts.product ?? facts.offerId },
      };
    case 'TRANSPORT_MODE':
      if (!isText(facts.mode) || !Array.isArray(facts.forbiddenModes)) return null;
      return {
        key: 'violation.TRANSPORT_MODE',
        values: {
          mode: t(`modes.${facts.mode}`, { defaultValue: facts.mode }),
          modes: new Intl.ListFormat(format.locale, { type: 'conjunction' }).format(
            facts.forbiddenModes.map((mode) => t(`modes.${mode}`, { defaultValue: mode })),
          ),
        },
        names: {},
      };
    case 'TRANSPORT_EMISSIONS':
      if (!numbers(facts, 'gramsPerKg', 'maxGramsPerKg')) return null;
      return {
        key: 'violation.TRANSPORT_EMISSIONS',
        values: { grams: grams(facts.gramsPerKg!), maximum: grams(facts.maxGramsPerKg!) },
        names: {},
      };
    default:
      return null;
  }
}

function say(sentence: Sentence, t: Translate): ReactNode {
  const nodes = Object.fromEntries(
    Object.entries(sentence.names).map(([name, text]) => [name, <bdi>{text}</bdi>]),
  );
  const said = withNodes(
    (marks) => t(sentence.key, { ...sentence.values, ...marks, count: sentence.count }),
    nodes,
  );
  return sentence.then ? (
    <>
      {said} {say(sentence.then, t)}
    </>
  ) : (
    said
  );
}

/**
 * A violation said in the reader's language from its facts, numbers, shares and money through
 * Intl, the names from the data isolated; the server's English sentence, marked as such, for a
 * rule the app does not know or a violation recorded without its facts.
 */
export function ViolationSentence({ violation }: { violation: Violation }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sentence = sentenceOf(violation, t, format);
  if (!sentence)
    return (
      <p lang="en" dir="auto">
        {violation.message}
      </p>
    );
  return <p>{say(sentence, t)}</p>;
}
