import { describe, expect, it } from 'vitest';
import { SnapshotFormatError, parseManifest, parsePointer, serializeManifest, sharedSourceSelect, type SnapshotManifest } from './snapshot-manifest.ts';

const manifest: SnapshotManifest = {
	format: 1,
	engine: 'duckdb',
	publishId: 7,
	publishedAt: '2026-06-30T00:00:00.000Z',
	author: 'ana',
	message: 'build',
	kind: 'build',
	rollbackOf: null,
	testsHash: 'abc',
	models: [{ name: 'fct_daily', version: '0123456789abcdef', kind: 'table', definitionHash: 'd', path: 'marts/fct_daily.sql', sql: 'select 1', parents: ['stg_sales'], rows: 3, file: 'data/fct_daily__0123456789abcdef.parquet', bytes: 10 }]
};

const SHARED_FILE = 'sources/0123456789abcdef01234567.parquet';
const shared = {
	...manifest.models[0]!,
	name: 'src_clicks',
	kind: 'source',
	file: null,
	source: { select: `SELECT * FROM read_parquet(main.list_value('@snapshot/${SHARED_FILE}')) WHERE (clicked_at <= CAST('2026-12-02T14:40:24.638Z' AS TIMESTAMP WITH TIME ZONE))`, files: [SHARED_FILE] }
};

describe('shared sources', () => {
	it('reads a format-2 source over its files and points its SELECT at the snapshot it is opened from', () => {
		const m: SnapshotManifest = { ...manifest, format: 2, models: [shared] };
		const { text, file } = serializeManifest(m);
		expect(parseManifest(text, file)).toEqual(m);
		expect(sharedSourceSelect(shared.source, "/srv/snap's/")).toBe(
			`SELECT * FROM read_parquet(main.list_value('/srv/snap''s/${SHARED_FILE}')) WHERE (clicked_at <= CAST('2026-12-02T14:40:24.638Z' AS TIMESTAMP WITH TIME ZONE))`
		);
	});
});

describe('serializeManifest', () => {
	it('names the manifest by its publish and its content', () => {
		const a = serializeManifest(manifest);
		expect(a.file).toMatch(/^manifests\/00000007-[0-9a-f]{16}\.json$/);
		expect(serializeManifest(manifest).file).toBe(a.file);
		expect(serializeManifest({ ...manifest, message: 'other' }).file).not.toBe(a.file);
		expect(parseManifest(a.text, a.file)).toEqual(manifest);
	});
});

describe('parseManifest and parsePointer', () => {
	it.each([
		['not json', /not JSON/],
		[JSON.stringify({ ...manifest, format: 3 }), /format must be 1 or 2/],
		[JSON.stringify({ ...manifest, format: 2, models: [{ ...shared, source: { ...shared.source, select: "select * from read_parquet('/etc/passwd.parquet')" } }] }), /reads "\/etc\/passwd.parquet", which is not one of its files/],
		[JSON.stringify({ ...manifest, format: 2, models: [{ ...shared, source: { ...shared.source, select: "select * from read_parquet('@snapshot/sources/../../x.parquet')" } }] }), /which is not one of its files/],
		[JSON.stringify({ ...manifest, format: 2, models: [{ ...shared, source: { ...shared.source, files: ['../x.parquet'] } }] }), /is not sources\/<key>\.parquet/],
		[JSON.stringify({ ...manifest, format: 2, models: [{ ...shared, source: { ...shared.source, select: 'drop table x' } }] }), /select must be a SELECT/],
		[JSON.stringify({ ...manifest, format: 2, models: [{ ...shared, file: 'data/src_clicks__0123456789abcdef.parquet' }] }), /both a file and shared files/],
		[JSON.stringify({ ...manifest, models: [] }), /at least one model/],
		[JSON.stringify({ ...manifest, models: [{ ...manifest.models[0], file: '../../etc/passwd' }] }), /expected data\/<name>__<version>\.parquet/],
		[JSON.stringify({ ...manifest, models: [{ ...manifest.models[0], name: 'x"; drop' }] }), /not an identifier/]
	])('refuses a manifest: %s', (text, message) => {
		expect(() => parseManifest(text, 'm.json')).toThrow(SnapshotFormatError);
		expect(() => parseManifest(text, 'm.json')).toThrow(message);
	});

	it('reads a pointer and refuses one that leaves the manifests folder', () => {
		expect(parsePointer('{"manifest":"manifests/00000007-0123456789abcdef.json","publishId":7}', 'CURRENT')).toEqual({ manifest: 'manifests/00000007-0123456789abcdef.json', publishId: 7 });
		expect(() => parsePointer('{"manifest":"../x.json","publishId":7}', 'CURRENT')).toThrow(/manifests\/<publish>-<sha256>\.json/);
	});
});
