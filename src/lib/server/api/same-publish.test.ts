// The publish id and the rows of one answer come from one publish: a publish landing during an answer makes it
// run again; when publishes keep landing, the last answer is still returned whole (its body readable).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../db/database.ts';
import { META_SCHEMA } from '../models/catalog.ts';
import { onePublish } from './same-publish.ts';

let db: Database;
let next = 1;
const publish = () => db.query(`insert into ${META_SCHEMA}.publishes values (${next++})`);

beforeAll(async () => {
	db = await Database.open({ path: ':memory:' });
	await db.query(`create schema ${META_SCHEMA}`);
	await db.query(`create table ${META_SCHEMA}.publishes (publish_id integer)`);
	await publish();
});
afterAll(() => db.close());

describe('onePublish', () => {
	it('answers once when no publish lands meanwhile', async () => {
		let runs = 0;
		const response = await onePublish(db, async () => new Response(`run ${++runs}`));
		expect(await response.text()).toBe('run 1');
	});

	it('runs again when a publish lands during the answer, and returns the answer that saw none', async () => {
		let runs = 0;
		const response = await onePublish(db, async () => {
			if (++runs === 1) await publish();
			return new Response(`run ${runs}`);
		});
		expect(await response.text()).toBe('run 2');
	});

	it('returns the third answer with its body whole when a publish lands during every attempt', async () => {
		let runs = 0;
		const response = await onePublish(db, async () => {
			await publish();
			return new Response(`run ${++runs}`);
		});
		expect(runs).toBe(3);
		expect(await response.text()).toBe('run 3');
	});
});
