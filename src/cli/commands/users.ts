/**
 * `partnerscope users <add|list|remove|set-role|set-scope|reset-password|sign-out>`: the people who may sign
 * in, kept in `<warehouse>.auth.json` beside the warehouse (never in git; PARTNERSCOPE_AUTH_FILE elsewhere). A
 * running server, and every snapshot reader reading the same file, picks changes up at its next request.
 */
import { AuthStore, AuthStoreError } from '../../lib/server/auth/auth-store.ts';
import { describeScope, parseScope, ScopeError, UNRESTRICTED } from '../../lib/server/auth/user-scope.ts';
import { isRole, ROLES } from '../../lib/auth/roles.ts';
import { normalizeConfig } from '../../lib/server/config.ts';
import { parseArgs, UsageError } from '../args.ts';
import { passwordFromStdinOrGenerated } from '../read-password.ts';
import { takeRepeated } from '../repeated-option.ts';

const USAGE = `usage: partnerscope users <command> [--warehouse FILE] [--auth-file FILE]
  add <name> --role R [--scope channel=a,b] [--scope manager=NAME] [--scope partner=ID,..]
                                 a new user (password from stdin, or generated and printed once)
  list                           every user with role and scope
  remove <name>                  the user, their tokens and sessions
  set-role <name> <role>         ${ROLES.join(', ')}
  set-scope <name> [--scope ...] replace the scope (no --scope: everything)
  reset-password <name>          a new password (stdin or generated); signs the user out everywhere
  sign-out <name>                ends every session of the user, here and at every snapshot reader
  --auth-file FILE               the users file (default PARTNERSCOPE_AUTH_FILE, else <warehouse>.auth.json)`;

function role(raw: string | undefined): (typeof ROLES)[number] {
	if (!isRole(raw)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}, saw "${raw ?? ''}"`);
	return raw;
}

export async function run(argv: string[]): Promise<number> {
	const { values: scopes, rest: argvRest } = takeRepeated(argv, 'scope');
	const args = parseArgs(argvRest, { warehouse: 'string', 'auth-file': 'string', role: 'string', help: 'boolean' });
	const [sub, ...rest] = args._;
	if (args.help || !sub) {
		console.log(USAGE);
		return args.help ? 0 : 2;
	}
	const arity: Record<string, number> = { add: 1, list: 0, remove: 1, 'set-role': 2, 'set-scope': 1, 'reset-password': 1, 'sign-out': 1 };
	if (!(sub in arity)) throw new UsageError(`unknown users command "${sub}"\n${USAGE}`);
	if (rest.length !== arity[sub]) throw new UsageError(`users ${sub} takes ${arity[sub]} argument(s), saw ${rest.length}\n${USAGE}`);
	const store = new AuthStore(normalizeConfig(process.env, { warehousePath: args.warehouse, authFile: args['auth-file'] }).authFile);
	const name = rest[0]!;
	try {
		const scope = scopes.length ? parseScope(scopes) : UNRESTRICTED;
		switch (sub) {
			case 'add': {
				const { password, generated } = await passwordFromStdinOrGenerated();
				const user = await store.addUser({ name, role: role(args.role), scope, password });
				console.log(`added ${user.name} (${user.role}; sees ${describeScope(user.scope)})`);
				if (generated) console.log(`password (shown once): ${password}`);
				return 0;
			}
			case 'list':
				for (const u of store.listUsers()) console.log(`${u.name.padEnd(24)} ${u.role.padEnd(10)} ${describeScope(u.scope)}`);
				return 0;
			case 'remove':
				store.removeUser(name);
				console.log(`removed ${name}, their tokens and sessions`);
				return 0;
			case 'set-role': {
				const user = store.setRole(name, role(rest[1]));
				console.log(`${user.name} is now ${user.role}`);
				return 0;
			}
			case 'set-scope': {
				const user = store.setScope(name, scope);
				console.log(`${user.name} now sees ${describeScope(user.scope)}`);
				return 0;
			}
			case 'reset-password': {
				const { password, generated } = await passwordFromStdinOrGenerated();
				await store.setPassword(name, password);
				console.log(`new password set for ${name}; their sessions are signed out`);
				if (generated) console.log(`password (shown once): ${password}`);
				return 0;
			}
			case 'sign-out':
				store.endSessions(name);
				console.log(`${name} is signed out everywhere (this server and every snapshot reader reading this users file)`);
				return 0;
		}
		return 2;
	} catch (error) {
		if (error instanceof AuthStoreError || error instanceof ScopeError) throw new UsageError(error.message);
		throw error;
	}
}
