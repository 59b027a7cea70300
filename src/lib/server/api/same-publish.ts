/**
 * One answer, one snapshot: a GET's meta (publishId, model versions) and its rows are read by separate queries,
 * so a publish landing between them would pair the new rows with the old publish id. The publish id is read
 * before and after the handler; if a publish landed in between, the handler runs again (publishes are
 * minutes apart, so a second run sees one publish). Wraps the API app in createApi.
 */
import type { Database } from '../db/database.ts';
import { META_SCHEMA } from '../models/catalog.ts';

const ATTEMPTS = 3;

async function latestPublishId(db: Database): Promise<number | null> {
	try {
		const [row] = await db.query<{ id: number | null }>(`select max(publish_id) as id from ${META_SCHEMA}.publishes`);
		return row?.id ?? null;
	} catch {
		return null; // no catalog yet: nothing can be published underneath this request either
	}
}

/** Runs `answer` until the publish id is the same before and after it (at most 3 times). */
export async function onePublish(db: Database, answer: () => Promise<Response>): Promise<Response> {
	let response: Response | undefined;
	for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
		const before = await latestPublishId(db);
		response = await answer();
		if ((await latestPublishId(db)) === before) return response;
		await response.body?.cancel();
	}
	return response!;
}
