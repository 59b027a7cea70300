/**
 * Readers during a publish: many dashboard requests and direct queries run while a build rebuilds and
 * publishes the marts. Each answer is the whole old result or the whole new one, never a mix, because the
 * views swap and the publish record commit in one transaction and each query reads one snapshot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/test-api.ts';
import type { Config } from '../../src/lib/server/config.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { builtWarehouse, testConfig } from '../helpers/fixture.ts';
import { EXCLUDE_PENDING, editSql, withPrivateSql } from '../helpers/private-sql.ts';

const RANGE = 'from=2026-04-01&to=2026-06-30';
/** Revenue as the partner mart and the program mart have it, read in ONE statement. */
const BOTH_MARTS = 'select (select sum(revenue) from main.fct_partner_daily)::double as partners, (select sum(revenue) from main.fct_program_daily)::double as program';

let config: Config;
let warehouse: Warehouse;
let api: TestApi;

beforeAll(async () => {
	config = await withPrivateSql(await testConfig());
	warehouse = await builtWarehouse(config);
	api = await testApi(warehouse);
});
afterAll(() => warehouse?.close());

async function partnerRows(): Promise<string> {
	const response = await api.request(`/api/v1/reports/partners?${RANGE}`);
	expect(response.status).toBe(200);
	return JSON.stringify(((await response.json()) as { rows: unknown[] }).rows);
}

describe('a dashboard request running during a build', () => {
	it('gets the whole old or the whole new numbers, never a mix', async () => {
		const oldRows = await partnerRows();
		const [oldTotals] = await warehouse.db.query<{ partners: number; program: number }>(BOTH_MARTS);
		await editSql(config.sqlDir, EXCLUDE_PENDING.file, EXCLUDE_PENDING.from, EXCLUDE_PENDING.to);

		let building = true;
		const build = warehouse.build({ author: 'test', message: 'exclude pending sales' }).finally(() => {
			building = false;
		});
		const answers: { rows: string; startedDuringBuild: boolean }[] = [];
		const totals: { partners: number; program: number }[] = [];
		while (building) {
			const startedDuringBuild = building;
			const batch = await Promise.all([
				...Array.from({ length: 6 }, async () => ({ rows: await partnerRows(), startedDuringBuild })),
				warehouse.db.query<{ partners: number; program: number }>(BOTH_MARTS).then(([t]) => totals.push(t!))
			]);
			for (const a of batch) if (a && typeof a === 'object' && 'rows' in a) answers.push(a);
		}
		const result = await build;
		expect(result.status).toBe('published');
		const newRows = await partnerRows();
		const [newTotals] = await warehouse.db.query<{ partners: number; program: number }>(BOTH_MARTS);
		expect(newRows).not.toBe(oldRows);
		expect(newTotals!.partners).toBeLessThan(oldTotals!.partners);

		expect(answers.filter((a) => a.startedDuringBuild).length).toBeGreaterThanOrEqual(30);
		const seen = { old: 0, new: 0 };
		for (const a of answers) {
			if (a.rows === oldRows) seen.old++;
			else if (a.rows === newRows) seen.new++;
			else expect.fail('an answer during the build matched neither the old nor the new numbers');
		}
		expect(seen.old).toBeGreaterThan(0);
		// The two marts always agree with each other, and with either the old or the new totals.
		for (const t of totals) {
			expect(Math.abs(t.partners - t.program)).toBeLessThan(0.005);
			const isOld = Math.abs(t.partners - oldTotals!.partners) < 0.005;
			const isNew = Math.abs(t.partners - newTotals!.partners) < 0.005;
			expect(isOld || isNew).toBe(true);
		}
	});
});
