/**
 * `partnerscope plan`: what a build would publish, shown before anything is published: models added,
 * changed, rebuilt because of them, removed; the candidates built and tested (the next build reuses them);
 * and a data diff per model against the current publish. Exit 0 when the plan is ready, 1 when it failed.
 */
import { formatBuildResult } from '../../lib/server/models/format-build.ts';
import { parseArgs } from '../args.ts';
import { LOCATION_OPTIONS, LOCATION_USAGE, locationConfig } from '../model-command-options.ts';
import { openModelService } from '../open-model-service.ts';
import { normalizeEngineConfig } from '../../lib/server/engines/engine-config.ts';
import { runClickHouseCommand } from '../clickhouse-build-command.ts';

export async function run(argv: string[]): Promise<number> {
	const args = parseArgs(argv, { ...LOCATION_OPTIONS, engine: 'string', help: 'boolean' });
	if (args.help) {
		console.log(`usage: partnerscope plan ${LOCATION_USAGE} [--engine duckdb|clickhouse]\n  --engine clickhouse   plan on ClickHouse (PARTNERSCOPE_CLICKHOUSE_URL) and print the ClickHouse SQL of each changed model`);
		return 0;
	}
	const engine = normalizeEngineConfig(process.env, { engine: args.engine });
	if (engine.engine === 'clickhouse') return runClickHouseCommand(locationConfig(args), engine.clickhouse, 'plan');
	const service = await openModelService(locationConfig(args));
	try {
		const result = await service.ops.plan();
		console.log(formatBuildResult(result));
		return result.status === 'failed' ? 1 : 0;
	} finally {
		service.close();
	}
}
