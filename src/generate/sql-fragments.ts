/**
 * Small pure helpers that turn profile values into SQL text for the generator's compilers (reference-sql.ts,
 * month-sql.ts). Every value that reaches SQL text passes through one of these, so it is a checked number or a
 * quoted literal.
 */
import type { Mix } from './program-profile.ts';

/** A SQL string literal. */
export function lit(text: string): string {
	return `'${text.replaceAll("'", "''")}'`;
}

/** A finite number as SQL text (full precision; JS prints the shortest round-tripping form). */
export function num(value: number): string {
	if (!Number.isFinite(value)) throw new RangeError(`SQL number must be finite, saw ${value}`);
	return String(value);
}

/** A DATE literal from YYYY-MM-DD. */
export function dateLit(date: string): string {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`date must be YYYY-MM-DD, saw "${date}"`);
	return `DATE '${date}'`;
}

/** A list literal of strings: ['a', 'b']. */
export function listLit(values: readonly string[]): string {
	return `[${values.map(lit).join(', ')}]`;
}

/**
 * Inverse CDF of a discrete distribution as a CASE expression: maps a uniform [0,1) expression to a value of
 * `mix`, each with probability weight / total. Values are emitted as string literals unless `raw` is set.
 * @example cdfSql('u', { a: 1, b: 3 }) // "CASE WHEN u < 0.25 THEN 'a' ELSE 'b' END"
 */
export function cdfSql(u: string, mix: Mix, raw = false): string {
	const entries = Object.entries(mix).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0);
	if (entries.length === 0) throw new RangeError('distribution needs at least one positive weight');
	const total = entries.reduce((sum, [, w]) => sum + w, 0);
	const value = (v: string) => (raw ? v : lit(v));
	if (entries.length === 1) return value(entries[0]![0]);
	let cumulative = 0;
	const whens = entries.slice(0, -1).map(([v, w]) => {
		cumulative += w / total;
		return `WHEN ${u} < ${num(cumulative)} THEN ${value(v)}`;
	});
	return `CASE ${whens.join(' ')} ELSE ${value(entries.at(-1)![0])} END`;
}

/**
 * The same distribution as cdfSql, as a lookup in a constant list of `size` entries: faster than a long CASE
 * (one list access instead of up to n comparisons), at a resolution of 1/size. Values are raw SQL constants.
 * @example lutSql('u', { '0': 1, '1': 3 }, 4) // "[0, 1, 1, 1][1 + floor(u * 4)::INTEGER]"
 */
export function lutSql(u: string, mix: Mix, size = 1000): string {
	const entries = Object.entries(mix).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0);
	if (entries.length === 0) throw new RangeError('distribution needs at least one positive weight');
	const total = entries.reduce((sum, [, w]) => sum + w, 0);
	const table: string[] = [];
	let index = 0;
	let upper = entries[0]![1] / total;
	for (let k = 0; k < size; k++) {
		// Entry k stands for the uniforms in [k/size, (k+1)/size); it takes the value at the slot's middle.
		while (index < entries.length - 1 && (k + 0.5) / size >= upper) upper += entries[++index]![1] / total;
		table.push(entries[index]![0]);
	}
	return `[${table.join(', ')}][1 + floor(${u} * ${size})::INTEGER]`;
}

/** A CASE over a key column: CASE key WHEN 'k1' THEN v1 ... ELSE fallback END (values are raw SQL). */
export function switchSql(key: string, cases: Readonly<Record<string, string>>, fallback = 'NULL'): string {
	const whens = Object.entries(cases).map(([k, v]) => `WHEN ${lit(k)} THEN ${v}`);
	return whens.length === 0 ? fallback : `CASE ${key} ${whens.join(' ')} ELSE ${fallback} END`;
}
