/**
 * `partnerscope build`: plan, build, test and publish the SQL models, printing the plan, one line per model,
 * the data diff against the previous publish and the verdict. When a server holds the warehouse, the build
 * runs there (and the dashboard serves the new publish at once). Exit 0 when published or already up to date
 * (or, with --dry-run, when the plan is ready), 1 when anything failed.
 */
import { formatBuildResult } from '../../lib/server/models/format-build.ts';
import { parseArgs } from '../args.ts';
import { currentUser } from '../current-user.ts';
import { LOCATION_OPTIONS, LOCATION_USAGE, locationConfig } from '../model-command-options.ts';
import { openModelService } from '../open-model-service.ts';
import { normalizeEngineConfig } from '../../lib/server/engines/engine-config.ts';
import { runClickHouseCommand } from '../clickhouse-build-command.ts';

export async function run(argv: string[]): Promise<number> {
	const args = parseArgs(argv, { ...LOCATION_OPTIONS, engine: 'string', message: 'string', author: 'string', 'dry-run': 'boolean', full: 'boolean', help: 'boolean' });
	if (args.help) {
		console.log(
			`usage: partnerscope build ${LOCATION_USAGE} [--message TEXT] [--author NAME] [--dry-run] [--full] [--engine duckdb|clickhouse]\n  --dry-run   the same as \`partnerscope plan\`: build and test the candidates, publish nothing\n  --full      rebuild every incremental model from scratch instead of only the days whose exports changed\n  --engine    where the models build (default PARTNERSCOPE_ENGINE, else duckdb)`
		);
		return 0;
	}
	const engine = normalizeEngineConfig(process.env, { engine: args.engine });
	if (engine.engine === 'clickhouse')
		return runClickHouseCommand(locationConfig(args), engine.clickhouse, args['dry-run'] ? 'plan' : 'build', { author: args.author ?? currentUser(), message: args.message ?? 'partnerscope build' });
	const service = await openModelService(locationConfig(args));
	try {
		const record = { author: args.author ?? currentUser(), message: args.message ?? 'partnerscope build', ...(args.full ? { full: true } : {}) };
		const result = args['dry-run'] ? await service.ops.plan(record) : await service.ops.build(record);
		console.log(formatBuildResult(result));
		return result.status === 'failed' ? 1 : 0;
	} finally {
		service.close();
	}
}
