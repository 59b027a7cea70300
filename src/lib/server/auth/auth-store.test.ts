import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuthStore } from './auth-store.ts';

const fresh = (now?: () => Date) => new AuthStore(path.join(mkdtempSync(path.join(tmpdir(), 'ps-auth-')), 'w.duckdb.auth.json'), now ? { now } : {});

describe('AuthStore', () => {
	it('keeps passwords as scrypt hashes, tokens and session ids as SHA-256, in a 0600 file', async () => {
		const store = fresh();
		await store.addUser({ name: 'ann', role: 'analyst', password: 'a long password' });
		const { secret } = store.createToken('ann');
		const { id } = store.createSession('ann', 60_000);
		const { readFileSync } = await import('node:fs');
		const text = readFileSync(store.file, 'utf8');
		expect(text).toMatch(/"passwordHash": "scrypt\$16384\$8\$1\$/);
		expect(text).not.toContain('a long password');
		expect(text).not.toContain(secret);
		expect(text).not.toContain(id);
		expect(statSync(store.file).mode & 0o777).toBe(0o600);
	});

	it('checks credentials: the same null for an unknown user and a wrong password', async () => {
		const store = fresh();
		await store.addUser({ name: 'ann', role: 'viewer', password: 'a long password' });
		expect(await store.checkCredentials('ann', 'a long password')).toMatchObject({ name: 'ann', role: 'viewer' });
		expect(await store.checkCredentials('ann', 'wrong password')).toBeNull();
		expect(await store.checkCredentials('nobody', 'a long password')).toBeNull();
	});

	it('tokens stop working when revoked, expired, or their user is removed', async () => {
		let now = new Date('2026-01-01T00:00:00Z');
		const store = fresh(() => now);
		await store.addUser({ name: 'ann', role: 'viewer', password: 'a long password' });
		const a = store.createToken('ann');
		const b = store.createToken('ann', { expiresDays: 1 });
		expect(store.userForToken(a.secret)?.name).toBe('ann');
		store.revokeToken(a.token.id);
		expect(store.userForToken(a.secret)).toBeNull();
		expect(store.userForToken(b.secret)?.name).toBe('ann');
		now = new Date('2026-01-02T00:00:01Z');
		expect(store.userForToken(b.secret)).toBeNull();
		const c = store.createToken('ann');
		store.removeUser('ann');
		expect(store.userForToken(c.secret)).toBeNull();
	});

	it('sessions expire, and a password reset ends them', async () => {
		let now = new Date('2026-01-01T00:00:00Z');
		const store = fresh(() => now);
		await store.addUser({ name: 'ann', role: 'viewer', password: 'a long password' });
		const s1 = store.createSession('ann', 3_600_000);
		expect(store.findSession(s1.id)?.user.name).toBe('ann');
		now = new Date('2026-01-01T01:00:01Z');
		expect(store.findSession(s1.id)).toBeNull();
		const s2 = store.createSession('ann', 3_600_000);
		now = new Date('2026-01-01T01:00:02Z');
		await store.setPassword('ann', 'another password');
		expect(store.findSession(s2.id)).toBeNull();
	});

	it('sees changes another process made to the file', async () => {
		const a = fresh();
		const b = new AuthStore(a.file);
		await a.addUser({ name: 'ann', role: 'viewer', password: 'a long password' });
		expect(b.findUser('ann')?.role).toBe('viewer');
		a.setRole('ann', 'admin');
		expect(b.findUser('ann')?.role).toBe('admin');
	});

	it.each(['../etc', 'a b', '', 'x'.repeat(65), '<script>'])('refuses the user name %j', async (name) => {
		await expect(fresh().addUser({ name, role: 'viewer', password: 'a long password' })).rejects.toThrow(/user name must be/);
	});
});
