/**
 * Users, API tokens and sign-in sessions, kept in one small JSON file beside the warehouse
 * (`<warehouse>.auth.json`, mode 0600, never in git). The CLI edits it while a server runs; the server reloads
 * it when it changes. Writes take a lock file and replace the file atomically. Tokens and session ids are
 * stored as SHA-256 hashes, passwords as scrypt hashes. Called by the CLI (`users`, `tokens`) and the API.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password-hash.ts';
import { isRole, type Role } from '../../auth/roles.ts';
import { UNRESTRICTED, type UserScope } from './user-scope.ts';

export interface User {
	readonly name: string;
	readonly role: Role;
	readonly scope: UserScope;
	readonly createdAt: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface StoredUser extends Mutable<User> {
	passwordHash: string | null;
	/** Sessions started before this are no longer valid (a password reset). */
	sessionsValidFrom: string;
}

export interface TokenInfo {
	readonly id: string;
	readonly user: string;
	readonly name: string;
	readonly createdAt: string;
	readonly expiresAt: string | null;
	readonly revokedAt: string | null;
}

interface StoredToken extends TokenInfo {
	readonly hash: string;
}

export interface Session {
	readonly user: string;
	/** The value state-changing requests must echo in x-csrf-token. */
	readonly csrf: string;
	readonly createdAt: string;
	readonly expiresAt: string;
}

interface StoredSession extends Session {
	readonly idHash: string;
}

interface AuthFile {
	version: 1;
	users: StoredUser[];
	tokens: StoredToken[];
	sessions: StoredSession[];
}

export class AuthStoreError extends Error {
	override name = 'AuthStoreError';
}

export const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
export const TOKEN_PREFIX = 'pst_';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const empty = (): AuthFile => ({ version: 1, users: [], tokens: [], sessions: [] });

function sameHash(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

function publicUser(u: StoredUser): User {
	return { name: u.name, role: u.role, scope: u.scope, createdAt: u.createdAt };
}

function sleep(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function authFilePath(warehousePath: string): string {
	return `${warehousePath}.auth.json`;
}

export class AuthStore {
	readonly file: string;
	readonly #now: () => Date;
	/** A snapshot reader's store: it reads the file the build machine writes and never changes it. */
	readonly #readOnly: boolean;
	#cache: AuthFile = empty();
	#stamp = '';

	constructor(file: string, options: { now?: () => Date; readOnly?: boolean } = {}) {
		this.file = file;
		this.#now = options.now ?? (() => new Date());
		this.#readOnly = options.readOnly ?? false;
	}

	static forWarehouse(warehousePath: string): AuthStore {
		return new AuthStore(authFilePath(warehousePath));
	}

	/** The file's content, re-read only when it changed on disk (the CLI may edit it while a server runs). */
	#read(): AuthFile {
		let stamp: string;
		try {
			const s = statSync(this.file);
			stamp = `${s.mtimeMs}:${s.size}:${s.ino}`;
		} catch {
			this.#cache = empty();
			this.#stamp = '';
			return this.#cache;
		}
		if (stamp !== this.#stamp) {
			const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<AuthFile>;
			if (parsed.version !== 1 || !Array.isArray(parsed.users)) throw new AuthStoreError(`${this.file} is not a Partnerscope users file (version 1)`);
			this.#cache = { version: 1, users: parsed.users, tokens: parsed.tokens ?? [], sessions: parsed.sessions ?? [] };
			this.#stamp = stamp;
		}
		return this.#cache;
	}

	/** Read-modify-write under a lock file, replacing the file atomically; expired sessions are dropped. */
	#update<T>(change: (data: AuthFile) => T): T {
		if (this.#readOnly) throw new AuthStoreError(`${this.file} is read-only here (a snapshot reader); change users, tokens and sessions on the build machine`);
		const lock = `${this.file}.lock`;
		const deadline = Date.now() + 5000;
		let fd: number | null = null;
		while (fd === null) {
			try {
				fd = openSync(lock, 'wx', 0o600);
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
				try {
					if (Date.now() - statSync(lock).mtimeMs > 10_000) unlinkSync(lock); // left by a killed process
				} catch {
					// gone meanwhile
				}
				if (Date.now() > deadline) throw new AuthStoreError(`${lock} is held by another process; try again`);
				sleep(20);
			}
		}
		try {
			this.#stamp = ''; // always read the latest content under the lock
			const data = structuredClone(this.#read());
			const result = change(data);
			const now = this.#now().toISOString();
			data.sessions = data.sessions.filter((s) => s.expiresAt > now);
			const tmp = `${this.file}.${process.pid}.tmp`;
			writeFileSync(tmp, `${JSON.stringify(data, null, '\t')}\n`, { mode: 0o600 });
			renameSync(tmp, this.file);
			this.#stamp = '';
			return result;
		} finally {
			closeSync(fd);
			unlinkSync(lock);
		}
	}

	findUser(name: string): User | null {
		const u = this.#read().users.find((x) => x.name === name);
		return u ? publicUser(u) : null;
	}

	listUsers(): User[] {
		return this.#read().users.map(publicUser).sort((a, b) => a.name.localeCompare(b.name));
	}

	async addUser(input: { name: string; role: Role; scope?: UserScope; password: string }): Promise<User> {
		if (!USER_NAME.test(input.name)) throw new AuthStoreError(`user name must be 1-64 letters, digits or . _ @ - (starting with a letter or digit), saw "${input.name.slice(0, 80)}"`);
		if (!isRole(input.role)) throw new AuthStoreError(`role must be viewer, executive, analyst or admin, saw "${String(input.role)}"`);
		checkPassword(input.password);
		const passwordHash = await hashPassword(input.password);
		const now = this.#now().toISOString();
		return this.#update((data) => {
			if (data.users.some((u) => u.name === input.name)) throw new AuthStoreError(`user "${input.name}" already exists`);
			const user: StoredUser = { name: input.name, role: input.role, scope: input.scope ?? UNRESTRICTED, createdAt: now, passwordHash, sessionsValidFrom: now };
			data.users.push(user);
			return publicUser(user);
		});
	}

	removeUser(name: string): void {
		this.#update((data) => {
			if (!data.users.some((u) => u.name === name)) throw new AuthStoreError(`no user "${name}"`);
			data.users = data.users.filter((u) => u.name !== name);
			data.tokens = data.tokens.filter((t) => t.user !== name);
			data.sessions = data.sessions.filter((s) => s.user !== name);
		});
	}

	setRole(name: string, role: Role): User {
		if (!isRole(role)) throw new AuthStoreError(`role must be viewer, executive, analyst or admin, saw "${String(role)}"`);
		return this.#change(name, (u) => (u.role = role));
	}

	/** Signs a user out everywhere: their sessions end, on this server and at every snapshot reader (signed sessions). */
	endSessions(name: string): User {
		return this.#change(name, (u, data) => {
			u.sessionsValidFrom = this.#now().toISOString();
			data.sessions = data.sessions.filter((s) => s.user !== name);
		});
	}

	/**
	 * The user a session started at `createdAt` stands for: null when the user is gone or the session started
	 * before their password reset or sign-out everywhere. How snapshot readers check their signed sessions.
	 */
	userForSessionStartedAt(name: string, createdAt: string): User | null {
		const u = this.#read().users.find((x) => x.name === name);
		return u && createdAt >= u.sessionsValidFrom ? publicUser(u) : null;
	}

	setScope(name: string, scope: UserScope): User {
		return this.#change(name, (u) => (u.scope = scope));
	}

	async setPassword(name: string, password: string): Promise<User> {
		checkPassword(password);
		const hash = await hashPassword(password);
		return this.#change(name, (u, data) => {
			u.passwordHash = hash;
			u.sessionsValidFrom = this.#now().toISOString();
			data.sessions = data.sessions.filter((s) => s.user !== name);
		});
	}

	#change(name: string, apply: (u: StoredUser, data: AuthFile) => void): User {
		return this.#update((data) => {
			const u = data.users.find((x) => x.name === name);
			if (!u) throw new AuthStoreError(`no user "${name}"`);
			apply(u, data);
			return publicUser(u);
		});
	}

	/** The user when name and password match, else null; an unknown name costs the same time as a wrong password. */
	async checkCredentials(name: string, password: string): Promise<User | null> {
		const u = this.#read().users.find((x) => x.name === name);
		const ok = await verifyPassword(password, u?.passwordHash ?? DUMMY_HASH);
		return ok && u?.passwordHash ? publicUser(u) : null;
	}

	/** Creates an API token for a user; the secret is returned once and only its hash is kept. */
	createToken(user: string, options: { name?: string; expiresDays?: number } = {}): { token: TokenInfo; secret: string } {
		const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
		const now = this.#now();
		const token: StoredToken = {
			id: randomUUID().slice(0, 8),
			user,
			name: options.name ?? 'token',
			createdAt: now.toISOString(),
			expiresAt: options.expiresDays === undefined ? null : new Date(now.getTime() + options.expiresDays * 86_400_000).toISOString(),
			revokedAt: null,
			hash: sha256(secret)
		};
		this.#update((data) => {
			if (!data.users.some((u) => u.name === user)) throw new AuthStoreError(`no user "${user}"`);
			data.tokens.push(token);
		});
		const { hash: _hash, ...info } = token;
		return { token: info, secret };
	}

	listTokens(user?: string): TokenInfo[] {
		return this.#read()
			.tokens.filter((t) => user === undefined || t.user === user)
			.map(({ hash: _hash, ...info }) => info);
	}

	/** Revokes a token by its id (or every token of a user with --all); revoked tokens stay listed. */
	revokeToken(id: string): TokenInfo {
		return this.#update((data) => {
			const index = data.tokens.findIndex((t) => t.id === id);
			if (index === -1) throw new AuthStoreError(`no token with id "${id}" (see \`partnerscope tokens list\`)`);
			const revoked = { ...data.tokens[index]!, revokedAt: this.#now().toISOString() };
			data.tokens[index] = revoked;
			const { hash: _hash, ...info } = revoked;
			return info;
		});
	}

	/** Deletes a token outright (the CLI's short-lived hand-off tokens). */
	deleteToken(id: string): void {
		this.#update((data) => {
			data.tokens = data.tokens.filter((t) => t.id !== id);
		});
	}

	/** The user a bearer token stands for, or null when it is unknown, revoked, expired or its user is gone. */
	userForToken(secret: string): User | null {
		if (!secret.startsWith(TOKEN_PREFIX)) return null;
		const hash = sha256(secret);
		const data = this.#read();
		const now = this.#now().toISOString();
		const token = data.tokens.find((t) => sameHash(t.hash, hash));
		if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) return null;
		const u = data.users.find((x) => x.name === token.user);
		return u ? publicUser(u) : null;
	}

	/** A new session: a fresh random id every time (never one the client brought), valid for `ttlMs`. */
	createSession(user: string, ttlMs: number): { id: string; session: Session } {
		const id = randomBytes(32).toString('base64url');
		const now = this.#now();
		const session: StoredSession = { idHash: sha256(id), user, csrf: randomBytes(24).toString('base64url'), createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + ttlMs).toISOString() };
		this.#update((data) => {
			if (!data.users.some((u) => u.name === user)) throw new AuthStoreError(`no user "${user}"`);
			data.sessions.push(session);
		});
		const { idHash: _h, ...rest } = session;
		return { id, session: rest };
	}

	/** The session and its user, or null when unknown, expired or started before the user's last password reset. */
	findSession(id: string): { session: Session; user: User } | null {
		if (id.length === 0 || id.length > 200) return null;
		const hash = sha256(id);
		const data = this.#read();
		const s = data.sessions.find((x) => sameHash(x.idHash, hash));
		if (!s || s.expiresAt <= this.#now().toISOString()) return null;
		const u = data.users.find((x) => x.name === s.user);
		if (!u || s.createdAt < u.sessionsValidFrom) return null;
		const { idHash: _h, ...session } = s;
		return { session, user: publicUser(u) };
	}

	deleteSession(id: string): void {
		const hash = sha256(id);
		if (!this.#read().sessions.some((s) => s.idHash === hash)) return;
		this.#update((data) => {
			data.sessions = data.sessions.filter((s) => s.idHash !== hash);
		});
	}
}

function checkPassword(password: string): void {
	if (typeof password !== 'string' || password.length < 8) throw new AuthStoreError('a password needs at least 8 characters');
	if (password.length > 1000) throw new AuthStoreError('a password may have at most 1000 characters');
}
