/** The last UTC day with clicks or sales in the published marts: "today" for every report. */
import type { Database } from '../../db/database.ts';

export async function dataThrough(db: Database): Promise<string | null> {
	const [row] = await db.query<{ d: string | null }>('select max(date)::varchar as d from main.fct_program_daily where valid_clicks > 0 or conversions > 0');
	return row?.d ?? null;
}
