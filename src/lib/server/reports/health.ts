/**
 * GET /api/v1/health: is the warehouse serving, from which publish, how many rows per table, how fresh,
 * and what the last build said. Never throws for a missing warehouse: it reports it.
 */
import { EXPORT_TABLES } from '../exports/export-schema.ts';
import { sourceName } from '../models/sources.ts';
import { META_SCHEMA, type PublishedState } from '../models/catalog.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import { sourceLatest } from '../exports/check-source-contract.ts';
import { servedExportWarnings } from '../exports/export-warnings.ts';

export interface Health {
	readonly status: 'ok' | 'degraded' | 'unavailable';
	readonly message: string;
	readonly building: boolean;
	readonly publish: { readonly id: number; readonly publishedAt: string } | null;
	readonly lastBuild: { readonly status: string; readonly startedAt: string; readonly finishedAt: string | null; readonly problems: readonly string[] } | null;
	readonly rowCounts: Readonly<Record<string, number>>;
	readonly latestClickAt: string | null;
	readonly latestSaleAt: string | null;
	readonly baseCurrency: string;
	/** Export-contract warnings of the data being served (quarantined rows, collapsed copies, time zones). */
	readonly dataWarnings: readonly string[];
	/** A fatal database fault (disk full, out of memory) since the server started; the database was reopened after it. */
	readonly fault: { readonly at: string; readonly message: string; readonly reopened: boolean } | null;
}

export async function health(warehouse: Warehouse): Promise<Health> {
	const [state, lastBuild] = await Promise.all([warehouse.publishedState(), warehouse.lastBuild()]);
	const fault = warehouse.db.fault;
	const base = { fault, building: warehouse.isBuilding, baseCurrency: warehouse.config.baseCurrency, lastBuild: lastBuild && { status: lastBuild.status, startedAt: lastBuild.startedAt, finishedAt: lastBuild.finishedAt, problems: lastBuild.problems } };
	if (state.publishId === null) {
		const why = lastBuild?.problems.length ? lastBuild.problems.join('; ') : 'no build has been published yet';
		return { ...base, status: 'unavailable', message: `No data to show: ${why}`, publish: null, rowCounts: {}, latestClickAt: null, latestSaleAt: null, dataWarnings: [] };
	}
	const { counts, fresh, dataWarnings } = await publishFacts(warehouse, state);
	const failed = lastBuild !== null && (lastBuild.status === 'failed' || lastBuild.status === 'interrupted') && lastBuild.publishId === null;
	const faultNote = fault ? ` The database hit a fault at ${fault.at} (${fault.message}) and was ${fault.reopened ? 'reopened' : 'not yet reopened'}.` : '';
	const rowCounts = Object.fromEntries(counts.map((c) => [c.name, c.row_count]));
	return {
		...base,
		status: failed || fault ? 'degraded' : 'ok',
		message:
			(failed
				? `The last build ${lastBuild!.status === 'interrupted' ? 'was interrupted' : 'failed'}, so the dashboard shows the previous good data (publish #${state.publishId}). ${lastBuild!.problems.join('; ')}`
				: `Serving publish #${state.publishId}.`) + faultNote,
		publish: { id: state.publishId, publishedAt: state.publishedAt! },
		rowCounts: { ...Object.fromEntries(EXPORT_TABLES.map((t) => [t, rowCounts[sourceName(t)] ?? 0])), ...rowCounts },
		latestClickAt: fresh?.click ?? null,
		latestSaleAt: fresh?.sale ?? null,
		dataWarnings
	};
}

/** What health reports of a publish (row counts, newest click and sale, export warnings): read once per publish. */
const factsOf = new WeakMap<Warehouse, { readonly publishId: number; readonly facts: Promise<PublishFacts> }>();

interface PublishFacts {
	readonly counts: readonly { readonly name: string; readonly row_count: number }[];
	readonly fresh: { readonly click: string | null; readonly sale: string | null };
	readonly dataWarnings: string[];
}

function publishFacts(warehouse: Warehouse, state: PublishedState): Promise<PublishFacts> {
	const known = factsOf.get(warehouse);
	if (known && known.publishId === state.publishId) return known.facts;
	const entry = { publishId: state.publishId!, facts: readPublishFacts(warehouse, state) };
	factsOf.set(warehouse, entry);
	// A failed read is asked again by the next request; a newer publish's entry is left alone.
	entry.facts.catch(() => factsOf.get(warehouse) === entry && factsOf.delete(warehouse));
	return entry.facts;
}

async function readPublishFacts(warehouse: Warehouse, state: PublishedState): Promise<PublishFacts> {
	const counts = await warehouse.db.query<{ name: string; row_count: number }>(
		`select pm.name, mv.row_count from ${META_SCHEMA}.publish_models pm join ${META_SCHEMA}.model_versions mv using (name, version) where pm.publish_id = $id order by pm.name`,
		{ id: state.publishId }
	);
	// The newest click and sale as the build recorded them per source version: the sources are views over
	// every export file, and health is polled (a max() over them would read all the files at each poll).
	const recorded = async (table: 'clicks' | 'sales', column: string) => {
		const name = sourceName(table);
		const version = state.models.get(name)?.version;
		const known = version === undefined ? undefined : await sourceLatest(warehouse.db, name, version);
		if (known !== undefined) return known;
		const [row] = await warehouse.db.query<{ t: string | null }>(`select max(${column}) as t from main.${name}`);
		return row?.t ?? null;
	};
	const fresh = { click: await recorded('clicks', 'clicked_at'), sale: await recorded('sales', 'converted_at') };
	return { counts, fresh, dataWarnings: await servedExportWarnings(warehouse.db, state.publishId) };
}
