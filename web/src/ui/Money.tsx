import { useFormat } from './format';

/** An amount in minor units, in its currency with the currency's digits. */
export function Money({ minor, currency }: { minor: number; currency: string }) {
  return <span className="number">{useFormat().money(minor, currency)}</span>;
}

/** A table cell of money, aligned to the end of the line like every figure. */
export function MoneyCell({ minor, currency }: { minor: number; currency: string }) {
  return (
    <td className="figure">
      <Money minor={minor} currency={currency} />
    </td>
  );
}
