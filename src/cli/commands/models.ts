/**
 * `partnerscope models <list|show|log|diff|rollback>`: the model catalog and its publish history.
 *   list                         every source and model with its published version and parents
 *   show <name>                  one model: header, lineage, versions with their publishes, its SQL
 *   log [--limit N]              the publishes, newest first, with what each changed
 *   diff <name> [from] [to]      unified diff of the model file between two publishes (default: previous vs current)
 *   rollback <publish-id>        serve that publish's versions again (instant while its tables exist)
 */
import { formatModelDescription, formatModelList } from '../../lib/server/models/format-catalog.ts';
import { formatLog, formatModelDiff, formatRollback } from '../../lib/server/models/format-history.ts';
import { parseArgs, UsageError } from '../args.ts';
import { normalizeEngineConfig } from '../../lib/server/engines/engine-config.ts';
import { rollbackOnClickHouse } from '../clickhouse-build-command.ts';
import { currentUser } from '../current-user.ts';
import { LOCATION_OPTIONS, LOCATION_USAGE, locationConfig } from '../model-command-options.ts';
import { openModelService } from '../open-model-service.ts';

const USAGE = `usage: partnerscope models <command> ${LOCATION_USAGE}
  list                               every source and model with its published version and parents
  show <name>                        one model: header, lineage, versions and publishes, SQL
  log [--limit N]                    the publishes, newest first, with what each changed
  diff <name> [from-id] [to-id]      unified diff of a model between two publishes (default: previous vs current)
  rollback <publish-id> [--message TEXT] [--author NAME]
                                     serve an earlier publish again (instant while its tables exist)`;

function publishIdArg(raw: string | undefined, what: string): number | undefined {
	if (raw === undefined) return undefined;
	const n = Number(raw.replace(/^#/, ''));
	if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${what} must be a publish id such as 3 or #3, saw "${raw}"`);
	return n;
}

export async function run(argv: string[]): Promise<number> {
	const args = parseArgs(argv, { ...LOCATION_OPTIONS, limit: 'string', message: 'string', author: 'string', help: 'boolean' });
	const [sub, ...rest] = args._;
	if (args.help || !sub) {
		console.log(USAGE);
		return args.help ? 0 : 2;
	}
	const arity: Record<string, [number, number]> = { list: [0, 0], show: [1, 1], log: [0, 0], diff: [1, 3], rollback: [1, 1] };
	const [min, max] = arity[sub] ?? (() => {
		throw new UsageError(`unknown models command "${sub}"; expected list, show, log, diff or rollback\n${USAGE}`);
	})();
	if (rest.length < min || rest.length > max) throw new UsageError(`models ${sub} takes ${min === max ? min : `${min} to ${max}`} argument(s), saw ${rest.length}\n${USAGE}`);
	const limit = args.limit === undefined ? undefined : Number(args.limit);
	if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 1000)) throw new UsageError(`--limit must be a whole number from 1 to 1000, saw "${args.limit}"`);
	const from = sub === 'diff' ? publishIdArg(rest[1], 'from') : undefined;
	const to = sub === 'diff' ? publishIdArg(rest[2], 'to') : undefined;
	const target = sub === 'rollback' ? publishIdArg(rest[0], 'publish-id')! : undefined;

	const engine = normalizeEngineConfig(process.env);
	if (sub === 'rollback' && engine.engine === 'clickhouse') {
		const record = { author: args.author ?? currentUser(), ...(args.message ? { message: args.message } : {}) };
		return rollbackOnClickHouse(locationConfig(args), engine.clickhouse, target!, record);
	}
	const service = await openModelService(locationConfig(args));
	try {
		switch (sub) {
			case 'list':
				console.log(formatModelList(await service.ops.listModels()));
				return 0;
			case 'show':
				console.log(formatModelDescription(await service.ops.describeModel(rest[0]!)));
				return 0;
			case 'log':
				console.log(formatLog(await service.ops.log(limit === undefined ? {} : { limit })));
				return 0;
			case 'diff':
				console.log(formatModelDiff(await service.ops.diff(rest[0]!, from, to)));
				return 0;
			default: {
				const record = { author: args.author ?? currentUser(), ...(args.message ? { message: args.message } : {}) };
				console.log(formatRollback(await service.ops.rollback(target!, record)));
				return 0;
			}
		}
	} finally {
		service.close();
	}
}
