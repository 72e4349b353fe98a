import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { parseServerMessage, type MessagePart, type MessageValue } from '../api/server-message';
import { isolate, useFormat } from './format';

/**
 * The labels a page gives its fields, by the path the API names them with (`lines.0.quantity`).
 * An empty label: the message is shown under that very field, so neither label nor path is said.
 */
export type FieldLabels = Record<string, string> | ((field: string) => string | undefined);

const labelOf = (labels: FieldLabels | undefined, field: string | undefined): string | undefined =>
  !labels || !field ? undefined : typeof labels === 'function' ? labels(field) : labels[field];

/**
 * A message of the server in the reader's language: each known phrase from the catalogue
 * (`server.*`, numbers and months through Intl), after its field's label as the page names it;
 * a phrase the app does not know stays the server's English, marked `lang="en"` so that a
 * screen reader pronounces it as English and in its own direction inside Arabic.
 * `bare`: shown under the field it names, so the label is not repeated.
 */
export function ServerMessage({
  message,
  labels,
  bare,
}: {
  message: string;
  labels?: FieldLabels;
  bare?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const value = (one: MessageValue): string | number => {
    if ('number' in one) return format.number(one.number);
    if ('status' in one) return t(`status.${one.status}`, { defaultValue: one.status });
    if ('month' in one) return format.month(one.month);
    if ('months' in one)
      return new Intl.ListFormat(format.locale, { type: 'conjunction' }).format(one.months.map(format.month));
    if ('thing' in one) return t(`server.things.${one.thing}`);
    return isolate(one.data);
  };
  const say = (part: MessagePart, capital: boolean): ReactNode => {
    if (!part.key || !i18n.exists(`server.${part.key}`))
      return (
        <span lang="en" dir="auto">
          {part.text}
        </span>
      );
    const values = Object.fromEntries(
      Object.entries(part.values ?? {}).map(([name, one]) => [name, value(one)]),
    );
    // i18next picks the plural form from a raw number; the text shows it through Intl.
    const count = part.values?.count && 'number' in part.values.count ? part.values.count.number : undefined;
    const text = t(`server.${part.key}`, { ...values, count, formatted: values.count });
    return capital ? text.charAt(0).toLocaleUpperCase(format.locale) + text.slice(1) : text;
  };
  const parts = parseServerMessage(message);
  return (
    <>
      {parts.map((part, index) => {
        const label = bare ? '' : labelOf(labels, part.field);
        const path = !bare && label === undefined ? part.field : undefined;
        return (
          <Fragment key={index}>
            {index > 0 && t('server.separator')}
            {label && (
              <>
                {label}
                {t('common.colon')}
              </>
            )}
            {path && (
              <>
                <bdi lang="en" dir="ltr">
                  {path}
                </bdi>
                {t('common.colon')}
              </>
            )}
            {say(part, !label && !path)}
          </Fragment>
        );
      })}
    </>
  );
}

/**
 * A sentence of the catalogue with a node at each of its named slots (names isolated in a
 * `<bdi>` inside a translated sentence): `sentence` gets a mark per slot to put where the node
 * goes. A node whose slot a translation lacks is put after the sentence, never lost.
 */
export function withNodes(
  sentence: (marks: Record<string, string>) => string,
  nodes: Record<string, ReactNode>,
): ReactNode {
  const marks = Object.fromEntries(Object.keys(nodes).map((name) => [name, `\uE000${name}\uE001`]));
  const pieces = sentence(marks).split(/\uE000(\w+)\uE001/);
  const placed = new Set(pieces.filter((_, index) => index % 2 === 1));
  const missing = Object.keys(nodes).filter((name) => !placed.has(name));
  return (
    <>
      {pieces.map((piece, index) =>
        index % 2 === 0 ? piece : <Fragment key={index}>{nodes[piece] ?? piece}</Fragment>,
      )}
      {missing.map((name) => (
        <Fragment key={name}> {nodes[name]}</Fragment>
      ))}
    </>
  );
}

/** withNodes for a sentence of one slot (the server's reason inside "… was refused: {{reason}}."). */
export function withNode(sentence: (slot: string) => string, node: ReactNode): ReactNode {
  return withNodes((marks) => sentence(marks.slot), { slot: node });
}
