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
