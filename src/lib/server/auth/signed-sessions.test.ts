import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuthStore, AuthStoreError } from './auth-store.ts';
import { SignedSessions } from './signed-sessions.ts';

const SECRET = 'the readers share this secret, 32+ chars';
const HOUR = 3_600_000;
let file: string;
let writer: AuthStore;
let clock: Date;
const now = () => clock;

beforeEach(async () => {
	file = path.join(mkdtempSync(path.join(tmpdir(), 'signed-sessions-')), 'warehouse.duckdb.auth.json');
	clock = new Date('2026-06-01T08:00:00.000Z');
	writer = new AuthStore(file, { now });
	await writer.addUser({ name: 'ann', role: 'viewer', password: 'a long password' });
	clock = new Date('2026-06-01T09:00:00.000Z');
});

/** A reader: the users file read-only, sessions signed with the shared secret. */
const reader = (secret = SECRET) => new SignedSessions(new AuthStore(file, { readOnly: true, now }), secret, { now });

describe('SignedSessions', () => {
	it('accepts at one reader the session another reader signed, with the same CSRF token, and writes nothing', () => {
		const before = readFileSync(file, 'utf8');
		const mtime = statSync(file).mtimeMs;
		const { id, session } = reader().createSession('ann', HOUR);
		const found = reader().findSession(id);
		expect(found?.user.name).toBe('ann');
		expect(found?.session).toEqual(session);
		expect(readFileSync(file, 'utf8')).toBe(before);
		expect(statSync(file).mtimeMs).toBe(mtime);
	});

	it.each([
		['another secret', (id: string) => id, 'a different secret of 32 characters!!'],
		['a changed user name', (id: string) => id.replace(/^v1\.([^.]+)/, (_m, body: string) => `v1.${Buffer.from(Buffer.from(body, 'base64url').toString().replace('"ann"', '"bob"')).toString('base64url')}`), SECRET],
		['a changed signature', (id: string) => `${id.slice(0, -2)}${id.endsWith('AA') ? 'AB' : 'AA'}`, SECRET],
		['no signature', (id: string) => id.slice(0, id.lastIndexOf('.')), SECRET],
		['an extra part', (id: string) => `${id}.x`, SECRET],
		['a file-store id', () => 'Zm9vYmFy', SECRET],
		['a huge id', () => `v1.${'a'.repeat(5000)}.b`, SECRET]
	])('refuses %s', (_what, change, secret) => {
		const { id } = reader().createSession('ann', HOUR);
		expect(reader(secret).findSession(change(id))).toBeNull();
	});

	it('refuses an expired session', () => {
		const { id } = reader().createSession('ann', HOUR);
		clock = new Date(clock.getTime() + HOUR);
		expect(reader().findSession(id)).toBeNull();
	});

	it('ends every session when the build machine signs the user out everywhere, resets the password or removes the user', async () => {
		const { id: early } = reader().createSession('ann', HOUR);
		clock = new Date(clock.getTime() + 1000);
		writer.endSessions('ann');
		expect(reader().findSession(early)).toBeNull();
		clock = new Date(clock.getTime() + 1000);
		const { id: later } = reader().createSession('ann', HOUR);
		expect(reader().findSession(later)?.user.name).toBe('ann');
		clock = new Date(clock.getTime() + 1000);
		await writer.setPassword('ann', 'another long password');
		expect(reader().findSession(later)).toBeNull();
		const { id: last } = reader().createSession('ann', HOUR);
		writer.removeUser('ann');
		expect(reader().findSession(last)).toBeNull();
	});

	it('takes the role and scope from the users file at each request, not from the session', () => {
		const { id } = reader().createSession('ann', HOUR);
		writer.setRole('ann', 'analyst');
		writer.setScope('ann', { channels: ['content'], partners: [], managers: [] });
		expect(reader().findSession(id)?.user).toMatchObject({ role: 'analyst', scope: { channels: ['content'] } });
	});

	it('signs no session for an unknown user, and a short secret is refused', () => {
		expect(() => reader().createSession('nobody', HOUR)).toThrow(/no user/);
		expect(() => reader('short')).toThrow(/32 characters/);
	});
});

describe('AuthStore read-only', () => {
	it('refuses every change, so a reader can never write the users file', async () => {
		const store = new AuthStore(file, { readOnly: true });
		expect(() => store.createToken('ann')).toThrow(AuthStoreError);
		expect(() => store.createSession('ann', HOUR)).toThrow(/read-only/);
		await expect(store.addUser({ name: 'bob', role: 'viewer', password: 'a long password' })).rejects.toThrow(/read-only/);
		expect(store.findUser('ann')?.name).toBe('ann');
	});
});
