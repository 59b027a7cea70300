import { describe, expect, it } from 'vitest';
import { ConfigError, normalizeConfig } from './config.ts';

describe('normalizeConfig: sign-in settings', () => {
	it('has sign-in on by default and allows localhost names', () => {
		const config = normalizeConfig({});
		expect(config.auth).toBe('on');
		expect(config.allowedHosts).toEqual(expect.arrayContaining(['localhost', '127.0.0.1', '::1']));
		expect(config.schemeKnown).toBe(false);
	});

	it('allows PARTNERSCOPE_AUTH=off only when bound to 127.0.0.1', () => {
		expect(() => normalizeConfig({ PARTNERSCOPE_AUTH: 'off' })).toThrow(ConfigError);
		expect(() => normalizeConfig({ PARTNERSCOPE_AUTH: 'off', HOST: '0.0.0.0' })).toThrow(/only with HOST=127\.0\.0\.1/);
		expect(normalizeConfig({ PARTNERSCOPE_AUTH: 'off', HOST: '127.0.0.1' }).auth).toBe('off');
		expect(() => normalizeConfig({ PARTNERSCOPE_AUTH: 'maybe' })).toThrow(/must be on or off/);
	});

	it('adds PARTNERSCOPE_ALLOWED_HOSTS and believes the scheme only with ORIGIN or PROTOCOL_HEADER', () => {
		expect(normalizeConfig({ PARTNERSCOPE_ALLOWED_HOSTS: 'Stats.Example.com' }).allowedHosts).toContain('stats.example.com');
		expect(normalizeConfig({ PARTNERSCOPE_ALLOWED_HOSTS: '*' }).allowedHosts).toBe('*');
		expect(normalizeConfig({ ORIGIN: 'https://stats.example.com' }).schemeKnown).toBe(true);
	});
});

describe('normalizeConfig: snapshot readers', () => {
	const SECRET = 'x'.repeat(32);

	it('puts the users file beside the warehouse unless PARTNERSCOPE_AUTH_FILE says where', () => {
		expect(normalizeConfig({ PARTNERSCOPE_WAREHOUSE: '/srv/w.duckdb' }).authFile).toBe('/srv/w.duckdb.auth.json');
		expect(normalizeConfig({ PARTNERSCOPE_AUTH_FILE: '/mnt/auth/users.json' }).authFile).toBe('/mnt/auth/users.json');
	});

	it('needs a session secret of 32+ characters on a reader with sign-in on', () => {
		expect(() => normalizeConfig({ PARTNERSCOPE_SNAPSHOT: '/srv/snap' })).toThrow(/PARTNERSCOPE_SESSION_SECRET/);
		expect(() => normalizeConfig({ PARTNERSCOPE_SNAPSHOT: '/srv/snap', PARTNERSCOPE_SESSION_SECRET: 'short' })).toThrow(/at least 32 characters/);
		expect(normalizeConfig({ PARTNERSCOPE_SNAPSHOT: '/srv/snap', PARTNERSCOPE_SESSION_SECRET: SECRET })).toMatchObject({ serveSnapshot: '/srv/snap', sessionSecret: SECRET });
		expect(normalizeConfig({ PARTNERSCOPE_SNAPSHOT: '/srv/snap', PARTNERSCOPE_AUTH: 'off', HOST: '127.0.0.1' }).sessionSecret).toBeNull();
		expect(normalizeConfig({}).serveSnapshot).toBeNull();
	});
});
