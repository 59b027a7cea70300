import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../main.ts';

// The CLI contract end to end: spawn the real CLI (node src/cli/bin.js forecast) on temporary CSV files.
// Option checks that need no separate process run in-process through main(), which keeps the suite fast.
const bin = fileURLToPath(new URL('../bin.js', import.meta.url));
let dir: string;

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		execFile(process.execPath, [bin, 'forecast', ...args], { env: { ...process.env, TZ: 'UTC' }, timeout: 30_000 }, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
			resolve({ code, stdout, stderr });
		});
	});
}

async function csv(name: string, lines: string[]): Promise<string> {
	const path = join(dir, name);
	await writeFile(path, `${lines.join('\n')}\n`);
	return path;
}

const months = (n: number) =>
	Array.from({ length: n }, (_, t) => `${2021 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01,${(100 + 2 * t + 10 * Math.sin(t / 2)).toFixed(2)}`);

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'partnerscope-forecast-'));
});
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

describe('partnerscope forecast', () => {
	it('prints the forecast as JSON for a good CSV', async () => {
		const path = await csv('good.csv', ['date,value', ...months(36)]);
		const { code, stdout } = await cli(['--in', path, '--horizon', '6']);
		expect(code).toBe(0);
		const out = JSON.parse(stdout);
		expect(typeof out.method).toBe('string');
		expect(out.points).toHaveLength(6);
		expect(out.points[0]).toEqual({
			date: '2024-01-01',
			value: expect.any(Number),
			lo80: expect.any(Number),
			hi80: expect.any(Number),
			lo95: expect.any(Number),
			hi95: expect.any(Number)
		});
		expect(out.points.map((p: { date: string }) => p.date)).toEqual(['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01']);
		expect(out.backtest).toMatchObject({ origins: expect.any(Number), horizon: 6, chosen: out.method, reason: expect.any(String) });
		expect(Object.keys(out.backtest.errors).length).toBeGreaterThan(1);
		expect(Object.keys(out.backtest.coverage)).toEqual(['80', '95']);
	});

	it.each([
		{ name: 'a non-numeric value', lines: ['date,value', ...months(5).slice(0, 5), '2021-06-01,abc', ...months(8).slice(6)], message: 'line 7: value "abc" is not a number' },
		{ name: 'an unparseable date', lines: ['date,value', '2021-01-01,1', '2021-02-31,2', ...months(6).slice(2)], message: 'line 3: date "2021-02-31" is not a valid YYYY-MM-DD date' },
		{ name: 'a duplicate date', lines: ['date,value', ...months(6), '2021-03-01,5'], message: 'line 8: duplicate date 2021-03-01 (first on line 4)' },
		{ name: 'fewer than 4 points', lines: ['date,value', ...months(3)], message: 'needs at least 4 data rows, saw 3' },
		{ name: 'a missing header', lines: months(6), message: 'line 1: expected the header "date,value"' }
	])('exits 2 on $name, naming the line', async ({ name, lines, message }) => {
		const path = await csv(`${name.replaceAll(' ', '-')}.csv`, lines);
		const { code, stdout, stderr } = await cli(['--in', path, '--horizon', '3']);
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toContain(`${path}`);
		expect(stderr).toContain(message);
	});

	it('exits 2 on a bad --horizon', async () => {
		const path = await csv('horizon.csv', ['date,value', ...months(12)]);
		const { code, stderr } = await cli(['--in', path, '--horizon', 'abc']);
		expect(code).toBe(2);
		expect(stderr).toContain('--horizon must be a positive integer, saw "abc"');
	});
});

describe('partnerscope forecast (in-process)', () => {
	async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
		const out: string[] = [];
		const err: string[] = [];
		const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
		const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
		try {
			const code = await main(['forecast', ...args]);
			return { code, stdout: out.join('\n'), stderr: err.join('\n') };
		} finally {
			log.mockRestore();
			error.mockRestore();
		}
	}

	it('lines Black Friday up by date with --holidays retail, and refuses an unknown calendar', async () => {
		// Mondays from 2028-11-13 to 2030-11-11; a spike on the weeks holding Black Friday (2028-11-24, 2029-11-23).
		// Black Friday 2030 (11-29) falls 53 weeks after 2029's: by week number the spike would come on 2030-11-18.
		const start = Date.UTC(2028, 10, 13);
		const rows = Array.from({ length: 105 }, (_, t) => {
			const date = new Date(start + t * 7 * 86_400_000).toISOString().slice(0, 10);
			return `${date},${date === '2028-11-20' || date === '2029-11-19' ? 400 : 100 + (t % 3)}`;
		});
		const path = await csv('black-friday.csv', ['date,value', ...rows]);
		const peakOf = (stdout: string) => {
			const points = (JSON.parse(stdout) as { points: { date: string; value: number }[] }).points;
			return points.reduce((a, b) => (b.value > a.value ? b : a)).date;
		};
		const retail = await run(['--in', path, '--horizon', '4', '--holidays', 'retail']);
		expect(retail.code).toBe(0);
		expect(peakOf(retail.stdout)).toBe('2030-11-25');
		const byWeekNumber = await run(['--in', path, '--horizon', '4']);
		expect(peakOf(byWeekNumber.stdout)).toBe('2030-11-18');
		const bad = await run(['--in', path, '--horizon', '4', '--holidays', 'easter']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('--holidays must be one of none, retail, saw "easter"');
	});

	it('follows --level and --period', async () => {
		const path = await csv('levels.csv', ['date,value', ...months(30)]);
		const { code, stdout } = await run(['--in', path, '--horizon', '2', '--level', '50,99', '--period', '6']);
		expect(code).toBe(0);
		const out = JSON.parse(stdout);
		expect(Object.keys(out.points[0]).sort()).toEqual(['date', 'hi50', 'hi99', 'lo50', 'lo99', 'value']);
		expect(out.period).toBe(6);
	});

	it('names the line of a date that clashes with another in the same month', async () => {
		const path = await csv('same-month.csv', ['date,value', ...months(6), '2021-03-15,5']);
		const { code, stderr } = await run(['--in', path, '--horizon', '3']);
		expect(code).toBe(2);
		expect(stderr).toContain(`${path} line 8: 2021-03-01 and 2021-03-15 fall in the same month`);
	});

	it.each([
		{ name: 'a zero --horizon', args: ['--horizon', '0'], message: '--horizon must be a positive integer, saw "0"' },
		{ name: 'a missing --horizon', args: [], message: '--horizon is required' },
		{ name: 'a bad --level', args: ['--horizon', '3', '--level', '80,120'], message: '--level must be percentages strictly between 0 and 100' },
		{ name: 'an unknown option', args: ['--horizon', '3', '--bogus', '1'], message: 'unknown option --bogus' },
		{ name: 'an unknown method', args: ['--horizon', '3', '--methods', 'ses,arima'], message: '--methods: unknown method "arima"' }
	])('exits 2 on $name', async ({ args, message }) => {
		const path = await csv('ok.csv', ['date,value', ...months(12)]);
		const { code, stderr } = await run(['--in', path, ...args]);
		expect(code).toBe(2);
		expect(stderr).toContain(message);
	});

	it('exits 2 on a missing file', async () => {
		const { code, stderr } = await run(['--in', join(dir, 'nope.csv'), '--horizon', '3']);
		expect(code).toBe(2);
		expect(stderr).toContain('nope.csv: cannot read the file (no such file)');
	});
});
