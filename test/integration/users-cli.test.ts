/**
 * `partnerscope users` and `partnerscope tokens` as child processes over a real users file: passwords from
 * stdin or generated and printed once, scopes parsed and refused when wrong, tokens printed once, stored
 * hashed and revocable; the file is 0600 and holds no secret in the clear.
 */
import { readFileSync, statSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuthStore, authFilePath } from '../../src/lib/server/auth/auth-store.ts';
import type { Config } from '../../src/lib/server/config.ts';
import { testConfig } from '../helpers/fixture.ts';
import { runCli } from '../helpers/run-cli.ts';

let config: Config;
const cli = (args: string[], stdin?: string) => runCli([...args, '--warehouse', config.warehousePath], config, { locations: false, ...(stdin === undefined ? {} : { stdin }) });

describe('partnerscope users / tokens', { timeout: 180_000 }, () => {
	beforeAll(async () => {
		config = await testConfig();
	});

	it('adds users with a password from stdin or a generated one, with scopes, and lists them', async () => {
		const ann = await cli(['users', 'add', 'ann', '--role', 'analyst'], 'ann-password-1\n');
		expect(ann.code, ann.stderr).toBe(0);
		expect(ann.stdout).toBe('added ann (analyst; sees everything)\n');
		const jane = await cli(['users', 'add', 'jane', '--role', 'viewer', '--scope', 'manager=Jane Roe, Jr.', '--scope', 'channel=content,coupon']);
		expect(jane.code, jane.stderr).toBe(0);
		const password = /password \(shown once\): (\S+)/.exec(jane.stdout)![1]!;
		expect(password.length).toBeGreaterThanOrEqual(20);
		const store = AuthStore.forWarehouse(config.warehousePath);
		expect(store.findUser('jane')?.scope).toEqual({ channels: ['content', 'coupon'], partners: [], managers: ['Jane Roe, Jr.'] });
		expect(await store.checkCredentials('jane', password)).not.toBeNull();
		expect(await store.checkCredentials('ann', 'ann-password-1')).not.toBeNull();
		const list = await cli(['users', 'list']);
		expect(list.stdout).toMatch(/^ann +analyst +everything\njane +viewer +channel content,coupon; manager Jane Roe, Jr\.\n$/);
		const text = readFileSync(authFilePath(config.warehousePath), 'utf8');
		expect(text).not.toContain(password);
		expect(statSync(authFilePath(config.warehousePath)).mode & 0o777).toBe(0o600);
	});

	it.each([
		[['users', 'add', 'bob', '--role', 'boss'], /--role must be one of viewer, executive, analyst, admin/],
		[['users', 'add', 'bob', '--role', 'viewer', '--scope', 'channel=tv'], /--scope channel must be one of/],
		[['users', 'add', 'bob', '--role', 'viewer', '--scope', 'region=EU'], /--scope takes channel=a,b/],
		[['users', 'add', '../bob', '--role', 'viewer'], /user name must be/],
		[['users', 'add', 'ann', '--role', 'viewer'], /user "ann" already exists/],
		[['users', 'set-role', 'nobody', 'admin'], /no user "nobody"/]
	])('refuses %j with exit 2', async (args, message) => {
		const run = await cli(args, 'a-password-123\n');
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(message);
	});

	it('changes role and scope, resets the password, creates and revokes tokens, removes a user', async () => {
		expect((await cli(['users', 'set-role', 'jane', 'executive'])).stdout).toBe('jane is now executive\n');
		expect((await cli(['users', 'set-scope', 'jane'])).stdout).toBe('jane now sees everything\n');
		const reset = await cli(['users', 'reset-password', 'ann'], 'ann-password-2\n');
		expect(reset.code).toBe(0);
		const store = AuthStore.forWarehouse(config.warehousePath);
		expect(await store.checkCredentials('ann', 'ann-password-1')).toBeNull();
		const created = await cli(['tokens', 'create', 'ann', '--name', 'ci', '--expires', '30']);
		const secret = /token \(shown once\): (\S+)/.exec(created.stdout)![1]!;
		const id = /^token (\w+) for ann \(ci\), expires /.exec(created.stdout)![1]!;
		expect(store.userForToken(secret)?.name).toBe('ann');
		expect(readFileSync(authFilePath(config.warehousePath), 'utf8')).not.toContain(secret);
		expect((await cli(['tokens', 'list'])).stdout).toContain(`${id}  ann`);
		expect((await cli(['tokens', 'revoke', id])).code).toBe(0);
		expect(store.userForToken(secret)).toBeNull();
		expect((await cli(['users', 'remove', 'jane'])).code).toBe(0);
		expect(store.findUser('jane')).toBeNull();
	});

	it('signs a user out everywhere, and works on a users file elsewhere (PARTNERSCOPE_AUTH_FILE, --auth-file)', async () => {
		const store = AuthStore.forWarehouse(config.warehousePath);
		const { id } = store.createSession('ann', 3_600_000);
		expect(store.findSession(id)?.user.name).toBe('ann');
		await new Promise((r) => setTimeout(r, 5)); // the sign-out must be later than the session's start
		const out = await cli(['users', 'sign-out', 'ann']);
		expect(out.code, out.stderr).toBe(0);
		expect(out.stdout).toMatch(/^ann is signed out everywhere/);
		expect(store.findSession(id)).toBeNull();
		expect(store.userForSessionStartedAt('ann', new Date(Date.now() - 60_000).toISOString())).toBeNull();
		expect(store.userForSessionStartedAt('ann', new Date(Date.now() + 1000).toISOString())?.name).toBe('ann');
		const elsewhere = `${config.warehousePath}.elsewhere.json`;
		const added = await runCli(['users', 'add', 'rita', '--role', 'viewer', '--auth-file', elsewhere], config, { locations: false, stdin: 'rita-password-1\n' });
		expect(added.code, added.stderr).toBe(0);
		expect(new AuthStore(elsewhere).findUser('rita')?.role).toBe('viewer');
		expect(store.findUser('rita')).toBeNull();
		const listed = await runCli(['users', 'list'], config, { locations: false, env: { PARTNERSCOPE_AUTH_FILE: elsewhere } });
		expect(listed.stdout).toMatch(/^rita +viewer +everything\n$/);
	});
});
