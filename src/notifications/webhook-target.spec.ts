import fc from 'fast-check';
import { fcParameters } from '../../test/support/property';
import {
  isForbiddenAddress,
  resolveWebhookTarget,
  WebhookTargetRefused,
  type Resolver,
} from './webhook-target';

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = (a: fc.Arbitrary<number>, b: fc.Arbitrary<number> = octet) =>
  fc.tuple(a, b, octet, octet).map((parts) => parts.join('.'));

/** The forbidden IPv4 ranges, written independently of the implementation's table. */
const privateIpv4 = fc.oneof(
  ipv4(fc.constant(0)),
  ipv4(fc.constant(10)),
  ipv4(fc.constant(127)),
  ipv4(fc.constant(100), fc.integer({ min: 64, max: 127 })),
  ipv4(fc.constant(169), fc.constant(254)),
  ipv4(fc.constant(172), fc.integer({ min: 16, max: 31 })),
  ipv4(fc.constant(192), fc.constant(168)),
);

/** Documentation, benchmarking, relay and other special-purpose /24s and /15s (IANA registry). */
const SPECIAL_IPV4 = [
  '192.0.0',
  '192.0.2',
  '192.88.99',
  '198.51.100',
  '203.0.113',
  '192.175.48',
  '192.31.196',
  '192.52.193',
];

function isPrivateByHand(address: string): boolean {
  const [a, b, c] = address.split('.').map(Number);
  return (
    SPECIAL_IPV4.includes(`${a}.${b}.${c}`) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a === 0 ||
    a === 10 ||
    a === 127 ||
    a >= 224 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  );
}

const publicIpv4 = ipv4(octet).filter((address) => !isPrivateByHand(address));

describe('isForbiddenAddress', () => {
  it('refuses every IPv4 address in the loopback, private, link-local, CGNAT and 0/8 ranges', () => {
    fc.assert(
      fc.property(privateIpv4, (address) => isForbiddenAddress(address)),
      fcParameters(),
    );
  });

  it('refuses them written as IPv4-mapped, IPv4-translated or NAT64 IPv6 too', () => {
    for (const prefix of ['::ffff:', '::ffff:0:', '64:ff9b::', '64:ff9b:1::'])
      fc.assert(
        fc.property(privateIpv4, (address) => isForbiddenAddress(`${prefix}${address}`)),
        fcParameters(),
      );
  });

  it('accepts public IPv4 addresses', () => {
    fc.assert(
      fc.property(publicIpv4, (address) => !isForbiddenAddress(address)),
      fcParameters(),
    );
  });

  it.each([
    '169.254.169.254',
    '127.0.0.1',
    '10.0.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    // F4 (docs/SECURITY.md): documentation and benchmarking ranges passed the old filter.
    '192.0.2.1',
    '198.18.0.1',
    '198.19.255.254',
    '198.51.100.7',
    '203.0.113.9',
  ])('refuses %s', (address) => expect(isForbiddenAddress(address)).toBe(true));

  it.each([
    '::1',
    '::',
    'fe80::1',
    'febf::1',
    'fc00::1',
    'fd12:3456::1',
    '[::1]',
    'fe80::1%eth0',
    '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::a00:1',
    '2002:a00:1::1',
    'ff02::1',
    // F4: the IPv4 address an IPv6 one carries is classified, in every form.
    '::ffff:0:10.0.0.1',
    '::ffff:0:127.0.0.1',
    '::ffff:192.0.2.1',
    '64:ff9b::192.168.0.1',
    '64:ff9b:1::a00:1',
    '64:ff9b:1::203.0.113.5',
    '2001:db8::1',
  ])('refuses IPv6 %s', (address) => expect(isForbiddenAddress(address)).toBe(true));

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '192.169.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4007::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
  ])('accepts %s', (address) => expect(isForbiddenAddress(address)).toBe(false));

  it('treats what is not an IP address as forbidden', () => {
    expect(isForbiddenAddress('example.com')).toBe(true);
    expect(isForbiddenAddress('')).toBe(true);
  });
});

describe('resolveWebhookTarget', () => {
  const resolvesTo =
    (...addresses: string[]): Resolver =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  it('accepts an https URL resolving to public addresses and keeps the first address for the connection', async () => {
    const target = await resolveWebhookTarget(
      'https://hooks.example.com/in',
      false,
      resolvesTo('93.184.216.34', '2606:2800::1'),
    );
    expect(target.url.hostname).toBe('hooks.example.com');
    expect(target.address).toEqual({ address: '93.184.216.34', family: 4 });
  });

  it('refuses a name with one private address among public ones', async () => {
    await expect(
      resolveWebhookTarget('https://hooks.example.com/in', false, resolvesTo('93.184.216.34', '10.1.2.3')),
    ).rejects.toThrow(WebhookTargetRefused);
  });

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://[::1]/hook',
    'http://2130706433/hook', // 127.0.0.1 as a number
    'http://0x7f.1/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://10.0.0.1/hook',
  ])('refuses the literal address in %s without resolving', async (url) => {
    const asked: string[] = [];
    const resolve: Resolver = async (hostname) => {
      asked.push(hostname);
      return [{ address: '93.184.216.34', family: 4 }];
    };
    await expect(resolveWebhookTarget(url, false, resolve)).rejects.toThrow(WebhookTargetRefused);
    expect(asked).toEqual([]);
  });

  it.each(['ftp://example.com/x', 'file:///etc/passwd', 'gopher://example.com', 'not a url'])(
    'refuses %s',
    async (url) => {
      await expect(resolveWebhookTarget(url, false, resolvesTo('93.184.216.34'))).rejects.toThrow(
        WebhookTargetRefused,
      );
    },
  );

  it('allows private targets when told to, but still only http(s)', async () => {
    const target = await resolveWebhookTarget('http://127.0.0.1:9/hook', true, resolvesTo());
    expect(target.address).toEqual({ address: '127.0.0.1', family: 4 });
    await expect(resolveWebhookTarget('ftp://127.0.0.1/x', true, resolvesTo())).rejects.toThrow(
      WebhookTargetRefused,
    );
  });

  it('throws a retryable error (not a refusal) when the name does not resolve', async () => {
    const error = await resolveWebhookTarget('https://nowhere.example/x', false, resolvesTo()).catch(
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(WebhookTargetRefused);
  });
});
