import { describe, expect, it } from 'vitest';
import { USER_NAME } from '../lib/server/auth/auth-store.ts';
import { userNameOf } from './demo-users.ts';

describe('userNameOf', () => {
	it.each([
		['Jane Roe', 'jane.roe'],
		['Zoë Ångström-Ünal', 'zoe.angstrom.unal'],
		["  O'Brien, Pat ", 'o.brien.pat'],
		['<script>', 'script'],
		['日本', 'manager']
	])('%j -> %s, a valid user name', (person, name) => {
		expect(userNameOf(person)).toBe(name);
		expect(USER_NAME.test(userNameOf(person))).toBe(true);
	});
});
