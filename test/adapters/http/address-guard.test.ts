// Classification of address literals and the refusal message. Must never connect or use real DNS: these
// are pure functions fed with literals and injected resolvers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assertAddressesAllowed,
  classifyAddress,
  normalizeHostname,
  resolveHost,
  type AddressKind,
} from '../../../src/adapters/http/address-guard.js';
import { AtlasError } from '../../../src/domain/errors.js';

const CASES: readonly (readonly [string, AddressKind])[] = [
  // IPv4
  ['127.0.0.1', 'loopback'],
  ['127.0.0.2', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['172.32.0.1', 'public'],
  ['172.15.255.255', 'public'],
  ['192.168.1.1', 'private'],
  ['169.254.169.254', 'link-local'],
  ['100.64.0.1', 'carrier-grade-nat'],
  ['100.127.255.255', 'carrier-grade-nat'],
  ['100.128.0.1', 'public'],
  ['100.63.255.255', 'public'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'reserved'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['240.0.0.1', 'reserved'],
  ['192.0.2.10', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['8.8.8.8', 'public'],
  ['93.184.216.34', 'public'],
  ['1.1.1.1', 'public'],
  // IPv6
  ['::1', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['::', 'unspecified'],
  ['fc00::1', 'private'],
  ['fd12:3456:789a::1', 'private'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['febf::1', 'link-local'],
  ['fec0::1', 'private'],
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'reserved'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
  ['2606:4700:4700::1111', 'public'],
  ['2a00:1450:4001:82b::200e', 'public'],
  ['[::1]', 'loopback'],
  // IPv4 addresses hidden in IPv6 forms
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:10.1.2.3', 'private'],
  ['::ffff:169.254.169.254', 'link-local'],
  ['::ffff:100.64.1.1', 'carrier-grade-nat'],
  ['::ffff:8.8.8.8', 'public'],
  ['0:0:0:0:0:ffff:c0a8:0101', 'private'],
  ['::127.0.0.1', 'loopback'],
  ['64:ff9b::10.0.0.1', 'private'],
  ['64:ff9b::8.8.8.8', 'public'],
  ['2002:7f00:1::1', 'loopback'],
  ['2002:0808:0808::1', 'public'],
  // Not addresses at all
  ['localhost', 'invalid'],
  ['1.2.3', 'invalid'],
  ['', 'invalid'],
];

void describe('classifyAddress', () => {
  for (const [address, kind] of CASES) {
    void it(`says ${JSON.stringify(address)} is ${kind}`, () => {
      assert.equal(classifyAddress(address), kind);
    });
  }
});

void describe('assertAddressesAllowed', () => {
  void it('refuses a host when any one of its addresses is not public, naming host, address and the switch', () => {
    assert.throws(
      () => assertAddressesAllowed('repo.example', ['93.184.216.34', '10.0.0.7'], false),
      (error: unknown) => {
        assert.ok(error instanceof AtlasError);
        assert.equal(error.code, 'address_forbidden');
        assert.match(error.message, /repo\.example/);
        assert.match(error.message, /10\.0\.0\.7/);
        assert.match(error.message, /private/);
        assert.match(error.message, /ATLAS_ALLOW_PRIVATE_NETWORKS/);
        assert.match(error.message, /source's private-network setting/);
        assert.deepEqual(error.details, { host: 'repo.example', address: '10.0.0.7', kind: 'private' });
        return true;
      },
    );
  });

  void it('lets public addresses through, and everything when private networks are allowed', () => {
    assert.doesNotThrow(() => assertAddressesAllowed('a.example', ['93.184.216.34', '2606:4700::1'], false));
    assert.doesNotThrow(() => assertAddressesAllowed('a.example', ['127.0.0.1', '::1', '169.254.1.1'], true));
  });

  void it('refuses IPv4-mapped loopback written as IPv6', () => {
    assert.throws(() => assertAddressesAllowed('::ffff:127.0.0.1', ['::ffff:127.0.0.1'], false), {
      code: 'address_forbidden',
    });
  });
});

void describe('resolveHost', () => {
  void it('answers address literals itself without calling the resolver', async () => {
    let calls = 0;
    const resolver = (): Promise<string[]> => {
      calls += 1;
      return Promise.resolve(['127.0.0.9']);
    };
    assert.deepEqual(await resolveHost('127.0.0.2', resolver), ['127.0.0.2']);
    assert.deepEqual(await resolveHost('[::1]', resolver), ['::1']);
    assert.equal(calls, 0);
  });

  void it('asks the resolver for names, lower-cased and without the root dot', async () => {
    const asked: string[] = [];
    const result = await resolveHost('Repo.Test.', (name) => {
      asked.push(name);
      return Promise.resolve(['127.0.0.1']);
    });
    assert.deepEqual(asked, ['repo.test']);
    assert.deepEqual(result, ['127.0.0.1']);
    assert.equal(normalizeHostname('[FE80::1]'), 'fe80::1');
  });

  void it('turns resolver failures and empty answers into source_unreachable', async () => {
    await assert.rejects(
      resolveHost('gone.test', () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' }))),
      { code: 'source_unreachable' },
    );
    await assert.rejects(
      resolveHost('empty.test', () => Promise.resolve([])),
      { code: 'source_unreachable' },
    );
  });
});
