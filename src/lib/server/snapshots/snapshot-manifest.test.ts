import { describe, expect, it } from 'vitest';
import { SnapshotFormatError, parseManifest, parsePointer, serializeManifest, type SnapshotManifest } from './snapshot-manifest.ts';

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
		[JSON.stringify({ ...manifest, format: 2 }), /format must be 1/],
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
