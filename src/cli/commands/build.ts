/**
 * `partnerscope build`: plan, build, test and publish the SQL models into the warehouse, printing the plan
 * and one line per model. Exit 0 when published or already up to date, 1 when anything failed.
 */
import { normalizeConfig } from '../../lib/server/config.ts';
import { Warehouse } from '../../lib/server/warehouse/warehouse.ts';
import { formatBuildResult, formatPlan } from '../../lib/server/models/format-build.ts';
import { parseArgs } from '../args.ts';
import { currentUser } from '../current-user.ts';

export async function run(argv: string[]): Promise<number> {
	const args = parseArgs(argv, { data: 'string', warehouse: 'string', sql: 'string', message: 'string', author: 'string', 'dry-run': 'boolean', help: 'boolean' });
	if (args.help) {
		console.log('usage: partnerscope build [--data DIR] [--warehouse FILE] [--sql DIR] [--message TEXT] [--author NAME] [--dry-run]');
		return 0;
	}
	const config = normalizeConfig(process.env, { dataDir: args.data, warehousePath: args.warehouse, sqlDir: args.sql });
	const warehouse = await Warehouse.open(config);
	try {
		const result = await warehouse.build({
			author: args.author ?? currentUser(),
			message: args.message ?? 'partnerscope build',
			dryRun: args['dry-run'],
			onEvent: (event) => {
				if (event.type === 'planned') console.log(formatPlan(event.plan));
			}
		});
		console.log(formatBuildResult(result));
		return result.status === 'failed' ? 1 : 0;
	} finally {
		warehouse.close();
	}
}
