import { describe, expect, it } from 'vitest';
import { checkServerUrl } from '../../utils/sync/url';

describe('checkServerUrl', () => {
  it.each([
    ['https://couch.example.org', 'https://couch.example.org', 'https://couch.example.org'],
    ['  https://couch.example.org:6984/ ', 'https://couch.example.org:6984', 'https://couch.example.org:6984'],
    ['https://example.org/couchdb/', 'https://example.org', 'https://example.org/couchdb'],
    ['http://localhost:5984', 'http://localhost:5984', 'http://localhost:5984'],
    ['http://couch.localhost:5984', 'http://couch.localhost:5984', 'http://couch.localhost:5984'],
    ['http://127.0.0.1:5984', 'http://127.0.0.1:5984', 'http://127.0.0.1:5984'],
    ['http://127.8.9.10', 'http://127.8.9.10', 'http://127.8.9.10'],
    ['http://[::1]:5984', 'http://[::1]:5984', 'http://[::1]:5984'],
    ['http://nas.local:5984', 'http://nas.local:5984', 'http://nas.local:5984'],
    ['http://10.1.2.3', 'http://10.1.2.3', 'http://10.1.2.3'],
    ['http://192.168.1.20:5984', 'http://192.168.1.20:5984', 'http://192.168.1.20:5984'],
    ['http://172.16.0.1', 'http://172.16.0.1', 'http://172.16.0.1'],
    ['http://172.31.255.255', 'http://172.31.255.255', 'http://172.31.255.255'],
    ['http://[fd12:3456::1]', 'http://[fd12:3456::1]', 'http://[fd12:3456::1]'],
    ['http://[::ffff:192.168.0.2]', 'http://[::ffff:c0a8:2]', 'http://[::ffff:c0a8:2]'],
  ])('accepts %s', (input, origin, base) => {
    expect(checkServerUrl(input)).toEqual({ ok: true, origin, base });
  });

  it.each([
    'http://couch.example.org',
    'http://8.8.8.8:5984',
    'http://172.32.0.1',
    'http://172.15.0.1',
    'http://192.169.0.1',
    'http://11.0.0.1',
    'http://[2001:db8::1]',
    'http://localhost.example.org',
    'http://local',
  ])('refuses plain http to %s as insecure', (input) => {
    expect(checkServerUrl(input)).toEqual({ ok: false, error: { code: 'insecure' } });
  });

  it.each(['', 'couch.example.org', 'ftp://couch.example.org', 'javascript:alert(1)', 'https://', 'https://a.org/?x=1', 'https://a.org/#db'])(
    'refuses %j as an invalid address',
    (input) => {
      const result = checkServerUrl(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalidUrl');
    },
  );

  it('refuses credentials in the address without repeating them', () => {
    const result = checkServerUrl('https://admin:hunter2@couch.example.org');
    expect(result).toMatchObject({ ok: false, error: { code: 'invalidUrl' } });
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(JSON.stringify(result)).not.toContain('admin');
  });
});
