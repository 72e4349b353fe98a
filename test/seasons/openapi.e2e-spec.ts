import { openApiDocument, type OpenApiDocument } from '../support/openapi';
import { startTestApp, type TestApp } from '../support/test-app';

describe('seasons and pledges in the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    t = await startTestApp();
    doc = await openApiDocument(t);
  });
  afterAll(() => t.close());

  it.each([
    ['/api/v1/seasons', ['post', 'get']],
    ['/api/v1/seasons/{id}', ['get']],
    ['/api/v1/seasons/{id}/cycles', ['get']],
    ['/api/v1/seasons/{id}/groups', ['post', 'get']],
    ['/api/v1/seasons/{id}/offers', ['post', 'get']],
    ['/api/v1/seasons/{id}/members/{memberId}/pledges', ['put', 'get']],
    ['/api/v1/seasons/{id}/members/{memberId}/pledges/{month}', ['put']],
    ['/api/v1/seasons/{id}/commitments', ['get']],
    ['/api/v1/seasons/{id}/cooperatives/{cooperativeId}/delivery-pledges', ['put', 'get']],
    ['/api/v1/seasons/{id}/plan', ['get']],
  ])('%s', (path, methods) => {
    expect(Object.keys(doc.paths[path] ?? {})).toEqual(expect.arrayContaining(methods));
  });

  it('describes the bodies field by field', () => {
    expect(Object.keys(doc.components.schemas.CreateSeasonDto.properties!)).toEqual(
      expect.arrayContaining([
        'partnershipId',
        'name',
        'producerTerritoryId',
        'consumerTerritoryId',
        'firstMonth',
        'lastMonth',
        'currency',
        'exchangeRate',
        'pickupPointId',
        'transportOrganiserIds',
        'calendar',
      ]),
    );
    expect(Object.keys(doc.components.schemas.MemberPledgeLineDto.properties!)).toEqual([
      'offerId',
      'quantity',
    ]);
    expect(Object.keys(doc.components.schemas.DeliveryPledgeLineDto.properties!)).toEqual([
      'offerId',
      'month',
      'quantity',
    ]);
    expect(Object.keys(doc.components.schemas.PlanRowDto.properties!)).toEqual([
      'offerId',
      'cooperativeId',
      'productId',
      'month',
      'commitments',
      'deliveryPledge',
      'monthlyCapacity',
      'exportCap',
    ]);
  });
});
