/**
 * Incremental builds equal full builds: the fixture's exports are replayed as daily deliveries (new click and
 * sales files per day, sales re-delivered when validated or reversed later, fx_rates rewritten), in order, with
 * gaps of several days, with days arriving after later days, and with a build killed midway. After the last
 * delivery, every model of the incrementally built warehouse must equal, to the cent, a full build of the
 * same folder into a fresh warehouse. Every incremental step is checked to have replaced days, not rebuilt all.
 * The short version runs in the suite (a few days at the end of the fixture, about a minute); the long one
 * (the whole fixture replayed, several minutes) runs with PARTNERSCOPE_LONG_TESTS=1.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rename } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { normalizeConfig, type Config } from '../../src/lib/server/config.ts';
import { writeDayExports } from '../../src/generate/write-day-exports.ts';
import { loadProject } from '../../src/lib/server/models/load-project.ts';
import type { BuildResult } from '../../src/lib/server/models/run-build.ts';
import { Warehouse } from '../../src/lib/server/warehouse/warehouse.ts';
import { REPO_ROOT, fixture } from '../helpers/fixture.ts';

const open: Warehouse[] = [];
afterAll(() => open.forEach((w) => w.close()));

async function freshConfig(dataDir: string, dir: string, name: string): Promise<Config> {
	return normalizeConfig({}, { dataDir, warehousePath: path.join(dir, `${name}.duckdb`), sqlDir: path.join(REPO_ROOT, 'sql') }, REPO_ROOT);
}

async function openWarehouse(config: Config): Promise<Warehouse> {
	const w = await Warehouse.open(config);
	open.push(w);
	return w;
}

function closeWarehouse(w: Warehouse): void {
	w.close();
	open.splice(open.indexOf(w), 1);
}

function expectPublished(result: BuildResult): void {
	const failed = result.nodes.filter((n) => n.status === 'failed').map((n) => `${n.name}: ${n.error}`);
	expect({ status: result.status, failed, tests: result.dataTests.filter((t) => t.status !== 'pass') }).toEqual({ status: 'published', failed: [], tests: [] });
}

/** Every incremental model that built replaced only some days (never a full rebuild). */
function expectOnlyDaysReplaced(result: BuildResult): void {
	const incremental = result.nodes.filter((n) => n.kind === 'incremental' && n.status === 'success');
	expect(incremental.length).toBeGreaterThan(0);
	for (const n of incremental) expect({ name: n.name, mode: n.incremental?.mode, reason: n.incremental?.mode === 'full' ? n.incremental.reason : undefined }).toEqual({ name: n.name, mode: 'days', reason: undefined });
}

/** Reads every model (ordered by its grain) from both warehouses and compares them value by value; money to the cent. */
async function expectSameModels(a: Warehouse, b: Warehouse): Promise<number> {
	const { models } = await loadProject(path.join(REPO_ROOT, 'sql'));
	let compared = 0;
	for (const spec of models) {
		const order = spec.grain.map((g) => `"${g}"`).join(', ');
		const sql = `select * from main."${spec.name}" order by ${order}`;
		const [left, right] = await Promise.all([a.db.query(sql), b.db.query(sql)]);
		expect({ model: spec.name, rows: left.length }).toEqual({ model: spec.name, rows: right.length });
		const mismatches: string[] = [];
		left.forEach((row, i) => {
			const other = right[i]!;
			for (const [column, value] of Object.entries(row)) {
				const theirs = other[column];
				const numeric = typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value));
				const same = numeric && theirs !== null ? Math.abs(Number(value) - Number(theirs)) < 0.005 : JSON.stringify(value) === JSON.stringify(theirs);
				if (!same && mismatches.length < 5) mismatches.push(`${spec.name} row ${i} ${column}: incremental ${JSON.stringify(value)}, full ${JSON.stringify(theirs)}`);
			}
		});
		expect(mismatches).toEqual([]);
		compared += left.length;
	}
	return compared;
}

/** Starts `partnerscope build` as a child process and kills it (SIGKILL) after `ms`, unless it ended first. */
function killBuildAfter(config: Config, ms: number): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(REPO_ROOT, 'src/cli/bin.js'), 'build', '--data', config.dataDir, '--warehouse', config.warehousePath, '--sql', config.sqlDir], {
			cwd: REPO_ROOT,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), ms);
		child.on('error', reject);
		child.on('close', (_code, signal) => {
			clearTimeout(timer);
			resolve(`${signal ?? 'exited'}\n${out}`);
		});
	});
}

const LONG = process.env.PARTNERSCOPE_LONG_TESTS === '1';

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('incremental builds against full builds (short)', () => {
	it('a few days: late status changes, a day held back, a gap of missed days, then equal to a full build', { timeout: 900_000 }, async () => {
		const f = fixture();
		const end = f.endDate;
		const dir = await mkdtemp(path.join(f.root, 'incremental-short-'));
		const deliveries = path.join(dir, 'exports');
		const config = await freshConfig(deliveries, dir, 'incremental');
		// The history up to a week before the end, one day of it held back (it arrives after later days).
		const held = addDays(end, -8);
		await writeDayExports({ from: f.dataDir, to: deliveries, through: addDays(end, -6), holdBack: [held] });
		const warehouse = await openWarehouse(config);
		expectPublished(await warehouse.build({ message: 'history' }));

		// One new day and the held day (it arrives after later days); earlier days' sales are re-delivered with
		// their later validation or reversal.
		const written = await writeDayExports({ from: f.dataDir, to: deliveries, through: addDays(end, -5) });
		expect(written.some((w) => w.startsWith('sales/') && !w.includes(addDays(end, -5)))).toBe(true);
		const oneDay = await warehouse.build({ message: 'one day and the held one' });
		expectPublished(oneDay);
		expectOnlyDaysReplaced(oneDay);
		expect(oneDay.nodes.find((n) => n.name === 'stg_clicks_daily')!.incremental).toEqual({ mode: 'days', days: 2, first: held, last: addDays(end, -5) });

		// Five missed days at once.
		await writeDayExports({ from: f.dataDir, to: deliveries, through: end });
		const gap = await warehouse.build({ message: 'a gap of missed days' });
		expectPublished(gap);
		expectOnlyDaysReplaced(gap);
		expect(gap.nodes.find((n) => n.name === 'stg_clicks_daily')!.incremental).toEqual({ mode: 'days', days: 5, first: addDays(end, -4), last: end });

		const full = await openWarehouse(await freshConfig(deliveries, dir, 'full'));
		expectPublished(await full.build({ message: 'full' }));
		expect(await expectSameModels(warehouse, full)).toBeGreaterThan(10_000);

		// The exports moved to another folder: the source views must follow them (the old folder is gone). The
		// click and sales days are unchanged, so stg_clicks_daily replaces none; models that also read a reference
		// table whole (partners, costs) rebuild in full, as after any change of that table.
		closeWarehouse(warehouse);
		const moved = path.join(dir, 'moved-exports');
		await rename(deliveries, moved);
		const after = await openWarehouse(await freshConfig(moved, dir, 'incremental'));
		const afterMove = await after.build({ message: 'exports moved' });
		expectPublished(afterMove);
		expect(afterMove.nodes.find((n) => n.name === 'stg_clicks_daily')!.incremental).toEqual({ mode: 'days', days: 0, first: null, last: null });
		expect(await expectSameModels(after, full)).toBeGreaterThan(10_000);
	});
});

describe.runIf(LONG)('incremental builds against full builds (long: PARTNERSCOPE_LONG_TESTS=1)', () => {
	it('in order, with late status changes, a gap of missed days and a killed build', { timeout: 600_000 }, async () => {
		const f = fixture();
		const dir = await mkdtemp(path.join(f.root, 'incremental-a-'));
		const deliveries = path.join(dir, 'exports');
		const config = await freshConfig(deliveries, dir, 'incremental');
		await writeDayExports({ from: f.dataDir, to: deliveries, through: '2026-06-10' });
		let warehouse = await openWarehouse(config);
		expectPublished(await warehouse.build({ message: 'first' }));

		let stepMs = 0;
		for (const through of ['2026-06-11', '2026-06-12', '2026-06-18']) {
			const written = await writeDayExports({ from: f.dataDir, to: deliveries, through });
			// Late data: earlier days' sales re-delivered with their validation or reversal.
			expect(written.some((w) => w.startsWith('sales/') && !w.includes(through))).toBe(true);
			const started = performance.now();
			const result = await warehouse.build({ message: `through ${through}` });
			stepMs = performance.now() - started;
			expectPublished(result);
			expectOnlyDaysReplaced(result);
		}

		// A build killed midway (SIGKILL, at about the time an in-process step takes, plus the CLI's start-up)
		// must leave the published data whole: the next build redoes what it had not committed.
		await writeDayExports({ from: f.dataDir, to: deliveries, through: '2026-06-22' });
		closeWarehouse(warehouse);
		const killed = await killBuildAfter(config, 1500 + stepMs * 0.6);
		expect(killed.split('\n')[0]).toBe('SIGKILL');
		warehouse = await openWarehouse(config);
		const after = await warehouse.build({ message: 'after the kill' });
		expect(['published', 'up_to_date']).toContain(after.status);

		await writeDayExports({ from: f.dataDir, to: deliveries, through: f.endDate });
		const last = await warehouse.build({ message: 'to the end' });
		expectPublished(last);
		expectOnlyDaysReplaced(last);

		const full = await openWarehouse(await freshConfig(deliveries, dir, 'full'));
		expectPublished(await full.build({ message: 'full' }));
		expect(await expectSameModels(warehouse, full)).toBeGreaterThan(10_000);

		// `build --full` rebuilds every incremental model from scratch and gives the same numbers again.
		const rebuilt = await warehouse.build({ message: 'full again', full: true });
		expectPublished(rebuilt);
		for (const n of rebuilt.nodes.filter((n) => n.kind === 'incremental')) expect(n.incremental?.mode).toBe('full');
		await expectSameModels(warehouse, full);
	});

	it('with days arriving after later days', { timeout: 600_000 }, async () => {
		const f = fixture();
		const dir = await mkdtemp(path.join(f.root, 'incremental-b-'));
		const deliveries = path.join(dir, 'exports');
		const config = await freshConfig(deliveries, dir, 'incremental');
		await writeDayExports({ from: f.dataDir, to: deliveries, through: '2026-05-20', holdBack: ['2026-05-12', '2026-05-19'] });
		const warehouse = await openWarehouse(config);
		expectPublished(await warehouse.build({ message: 'with holes' }));
		await writeDayExports({ from: f.dataDir, to: deliveries, through: '2026-06-25', holdBack: ['2026-06-24'] });
		const second = await warehouse.build({ message: 'the held days arrive, one more held' });
		expectPublished(second);
		expectOnlyDaysReplaced(second);
		const clicks = second.nodes.find((n) => n.name === 'stg_clicks_daily')!.incremental;
		expect(clicks).toMatchObject({ mode: 'days', first: '2026-05-12', last: '2026-06-25' });
		await writeDayExports({ from: f.dataDir, to: deliveries, through: f.endDate });
		expectPublished(await warehouse.build({ message: 'everything' }));

		const full = await openWarehouse(await freshConfig(deliveries, dir, 'full'));
		expectPublished(await full.build({ message: 'full' }));
		await expectSameModels(warehouse, full);
	});
});
