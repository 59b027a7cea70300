/**
 * `partnerscope tokens <create|list|revoke>`: API tokens for scripts (`Authorization: Bearer <token>`), each
 * acting with its user's role and scope. The token is printed once; only its hash is kept.
 */
import { AuthStore, AuthStoreError } from '../../lib/server/auth/auth-store.ts';
import { normalizeConfig } from '../../lib/server/config.ts';
import { parseArgs, UsageError } from '../args.ts';

const USAGE = `usage: partnerscope tokens <command> [--warehouse FILE] [--auth-file FILE]
  create <user> [--name N] [--expires DAYS]   a new token for the user, printed once
  list [<user>]                               tokens with id, user, name, expiry and whether revoked
  revoke <id>                                 the token stops working at once`;

export async function run(argv: string[]): Promise<number> {
	const args = parseArgs(argv, { warehouse: 'string', 'auth-file': 'string', name: 'string', expires: 'string', help: 'boolean' });
	const [sub, ...rest] = args._;
	if (args.help || !sub) {
		console.log(USAGE);
		return args.help ? 0 : 2;
	}
	const store = new AuthStore(normalizeConfig(process.env, { warehousePath: args.warehouse, authFile: args['auth-file'] }).authFile);
	try {
		switch (sub) {
			case 'create': {
				if (rest.length !== 1) throw new UsageError(`tokens create takes the user name\n${USAGE}`);
				const expires = args.expires === undefined ? undefined : Number(args.expires);
				if (expires !== undefined && (!Number.isFinite(expires) || expires <= 0 || expires > 3650)) throw new UsageError(`--expires must be a number of days above 0 and at most 3650, saw "${args.expires}"`);
				const { token, secret } = store.createToken(rest[0]!, { ...(args.name ? { name: args.name } : {}), ...(expires === undefined ? {} : { expiresDays: expires }) });
				console.log(`token ${token.id} for ${token.user} (${token.name}), ${token.expiresAt ? `expires ${token.expiresAt}` : 'does not expire'}`);
				console.log(`token (shown once): ${secret}`);
				return 0;
			}
			case 'list':
				for (const t of store.listTokens(rest[0]))
					console.log(`${t.id}  ${t.user.padEnd(20)} ${t.name.padEnd(20)} ${t.revokedAt ? `revoked ${t.revokedAt}` : t.expiresAt ? `expires ${t.expiresAt}` : 'no expiry'}`);
				return 0;
			case 'revoke': {
				if (rest.length !== 1) throw new UsageError(`tokens revoke takes the token id (see tokens list)\n${USAGE}`);
				const t = store.revokeToken(rest[0]!);
				console.log(`revoked token ${t.id} of ${t.user}`);
				return 0;
			}
			default:
				throw new UsageError(`unknown tokens command "${sub}"\n${USAGE}`);
		}
	} catch (error) {
		if (error instanceof AuthStoreError) throw new UsageError(error.message);
		throw error;
	}
}
