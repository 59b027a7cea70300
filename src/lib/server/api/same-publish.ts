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

/** Runs `answer` until the publish id is the same before and after it (at most 3 times; the last answer is returned whole). */
export async function onePublish(db: Database, answer: () => Promise<Response>): Promise<Response> {
	for (let attempt = 1; ; attempt++) {
		const before = await latestPublishId(db);
		const response = await answer();
		if (attempt === ATTEMPTS || (await latestPublishId(db)) === before) return response;
		await response.body?.cancel();
	}
}
