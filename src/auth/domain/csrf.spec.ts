import { csrfProblem, type CookieRequest } from './csrf';

const HOST = 'proxima.example:8443';
const write = (extra: Partial<CookieRequest> = {}): CookieRequest => ({
  method: 'POST',
  host: HOST,
  csrfHeader: '1',
  ...extra,
});

describe('csrfProblem', () => {
  it.each(['GET', 'HEAD', 'OPTIONS', 'get'])('never refuses a %s', (method) => {
    expect(csrfProblem({ method, host: HOST, origin: 'https://evil.example' }, [])).toBeNull();
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('refuses a %s without the custom header', (method) => {
    expect(csrfProblem({ method, host: HOST }, [])).toMatch(/x-proxima-csrf: 1/);
    expect(csrfProblem({ method, host: HOST, csrfHeader: '0' }, [])).toMatch(/x-proxima-csrf/);
  });

  it('lets a write with the header through from the same host, or with no origin information', () => {
    expect(csrfProblem(write(), [])).toBeNull();
    expect(csrfProblem(write({ origin: `https://${HOST}`, secFetchSite: 'same-origin' }), [])).toBeNull();
    expect(csrfProblem(write({ secFetchSite: 'none' }), [])).toBeNull();
  });

  it('refuses a write from another site, whatever the header', () => {
    expect(csrfProblem(write({ origin: 'https://evil.example' }), [])).toMatch(/evil\.example/);
    expect(csrfProblem(write({ secFetchSite: 'cross-site' }), [])).toMatch(/cross-site/);
    expect(csrfProblem(write({ secFetchSite: 'same-site' }), [])).toMatch(/same-site/);
    expect(csrfProblem(write({ origin: 'null' }), [])).not.toBeNull();
    expect(csrfProblem(write({ origin: 'https://proxima.example:9999' }), [])).not.toBeNull();
  });

  it('matches the default port of the scheme', () => {
    expect(csrfProblem(write({ host: 'proxima.example', origin: 'https://proxima.example' }), [])).toBeNull();
    expect(
      csrfProblem(write({ host: 'proxima.example:443', origin: 'https://proxima.example' }), []),
    ).toBeNull();
    expect(
      csrfProblem(write({ host: 'proxima.example:80', origin: 'https://proxima.example' }), []),
    ).not.toBeNull();
  });

  it('accepts the trusted web origin (its scheme, host and port exactly)', () => {
    const trusted = ['http://localhost:3000'];
    expect(csrfProblem(write({ origin: 'http://localhost:3000' }), trusted)).toBeNull();
    expect(csrfProblem(write({ origin: 'https://localhost:3000' }), trusted)).not.toBeNull();
    expect(csrfProblem(write({ origin: 'http://localhost:3001' }), trusted)).not.toBeNull();
  });
});
