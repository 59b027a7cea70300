/** The options every model command shares (where the warehouse, exports and SQL are), and the config they give. */
import { normalizeConfig, type Config } from '../lib/server/config.ts';

export const LOCATION_OPTIONS = { data: 'string', warehouse: 'string', sql: 'string' } as const;
export const LOCATION_USAGE = '[--data DIR] [--warehouse FILE] [--sql DIR]';

export function locationConfig(args: { data?: string; warehouse?: string; sql?: string }): Config {
	return normalizeConfig(process.env, { dataDir: args.data, warehousePath: args.warehouse, sqlDir: args.sql });
}
