import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { withNode, withNodes } from '../src/ui/ServerMessage';
import { expect, test } from './support/fixtures';

/**
 * Nodes inside translated sentences (a name in its `<bdi>`, the server's reason), without a page:
 * run once, in one project.
 */
test.beforeEach(({ browserName: _ }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop-fr', 'no page: one project is enough');
});

const html = (node: ReturnType<typeof withNodes>) => renderToStaticMarkup(createElement('p', null, node));
const bdi = (text: string) => createElement('bdi', null, text);

test('each node goes where its slot is, in the order the translation puts them', () => {
  const said = withNodes((m) => `${m.subject} a enfreint la règle pour ${m.offer}.`, {
    offer: bdi('Huile d’argan'),
    subject: bdi('تعاونية تيغانيمين'),
  });
  expect(html(said)).toBe(
    '<p><bdi>تعاونية تيغانيمين</bdi> a enfreint la règle pour <bdi>Huile d’argan</bdi>.</p>',
  );
});

test('a node whose slot the translation lacks is put after the sentence, not lost', () => {
  expect(
    html(withNodes(() => 'Refusé.', { reason: bdi('lines.0.quantity: 9 exceeds the demand of 7') })),
  ).toBe('<p>Refusé. <bdi>lines.0.quantity: 9 exceeds the demand of 7</bdi></p>');
  expect(
    html(withNode((slot) => `Votre engagement a été refusé : ${slot}.`, bdi('mars est verrouillé'))),
  ).toBe('<p>Votre engagement a été refusé : <bdi>mars est verrouillé</bdi>.</p>');
});
