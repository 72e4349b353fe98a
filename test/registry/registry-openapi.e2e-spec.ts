import { openApiDocument, type OpenApiDocument } from '../support/openapi';
import { startTestApp, type TestApp } from '../support/test-app';

describe('registry endpoints in the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    t = await startTestApp();
    doc = await openApiDocument(t);
  });
  afterAll(() => t.close());

  it.each([
    ['/api/v1/partnerships', ['post', 'get']],
    ['/api/v1/partnerships/{id}', ['get']],
    ['/api/v1/partnerships/{id}/charter', ['put', 'get']],
    ['/api/v1/partnerships/{id}/charter/versions', ['get']],
    ['/api/v1/audit-log', ['get']],
    ['/api/v1/consumer-groups', ['post', 'get']],
    ['/api/v1/consumer-groups/{id}', ['get']],
    ['/api/v1/consumer-groups/{id}/members', ['post', 'get']],
    ['/api/v1/products', ['post', 'get']],
    ['/api/v1/products/{id}', ['get']],
  ])('%s', (path, methods) => {
    expect(Object.keys(doc.paths[path] ?? {})).toEqual(expect.arrayContaining(methods));
  });

  it.each([
    ['CreatePartnershipDto', ['name', 'territoryIds', 'charter']],
    ['PartnershipDto', ['id', 'name', 'territoryIds', 'charterVersion']],
    ['CharterInputDto', ['rules']],
    [
      'CharterRulesDto',
      [
        'organicRequired',
        'minLocalSalesShare',
        'maxExportShare',
        'maxMonthlyVariation',
        'excludedProductIds',
        'priceFloors',
        'forbiddenTransportModes',
        'maxEmissionsGramsPerKg',
      ],
    ],
    ['PriceFloorDto', ['productId', 'minUnitPriceMinor']],
    ['CharterVersionDto', ['partnershipId', 'version', 'rules', 'createdAt']],
    ['AuditLogEntryDto', ['id', 'actorUserId', 'action', 'subjectType', 'subjectId', 'details', 'createdAt']],
    ['CreateConsumerGroupDto', ['territoryId', 'name', 'kind', 'dropPoint', 'contactEmail']],
    ['DropPointDto', ['name', 'address', 'latitude', 'longitude']],
    ['MemberDto', ['id', 'consumerGroupId', 'name', 'email', 'active']],
    ['CreateProductDto', ['name', 'hsCode', 'unit', 'unitNetKg', 'unitGrossKg', 'category']],
  ])('describes %s field by field', (schema, fields) => {
    expect(Object.keys(doc.components.schemas[schema]?.properties ?? {}).sort()).toEqual([...fields].sort());
  });
});
