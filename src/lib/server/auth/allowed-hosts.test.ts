import { describe, expect, it } from 'vitest';
import { hostAllowed, parseAllowedHosts } from './allowed-hosts.ts';

describe('hostAllowed', () => {
	const allowed = parseAllowedHosts('stats.example.com, 10.0.0.5', '0.0.0.0');
	it.each([
		['localhost', true],
		['127.0.0.1', true],
		['[::1]', true],
		['STATS.example.com', true],
		['stats.example.com.', true],
		['10.0.0.5', true],
		['attacker.example', false],
		['stats.example.com.attacker.example', false],
		['0.0.0.0', false]
	])('%s -> %s', (host, ok) => expect(hostAllowed(host, allowed)).toBe(ok));
	it('* answers every host', () => expect(hostAllowed('anything.example', parseAllowedHosts('*', '0.0.0.0'))).toBe(true));
	it('adds the bound address when it is specific', () => expect(hostAllowed('192.168.1.20', parseAllowedHosts(undefined, '192.168.1.20'))).toBe(true));
});
