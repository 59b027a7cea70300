/**
 * Column tests from a model header -> a query returning the failing rows (zero rows = pass). Pure.
 * `relation` is the physical table being tested; `resolve` maps another model's name to its physical table.
 */
import type { ColumnTest } from './parse-model.ts';
import { quoteIdent, quoteLiteral } from './sql-text.ts';

export function describeColumnTest(test: ColumnTest): string {
	switch (test.type) {
		case 'not_null':
		case 'unique':
			return `${test.type}(${test.columns.join(', ')})`;
		case 'accepted_values':
			return `accepted_values(${test.column}: ${test.values.join(', ')})`;
		case 'relationships':
			return `relationships(${test.column} -> ${test.model}.${test.toColumn})`;
	}
}

export function columnTestSql(test: ColumnTest, relation: string, resolve: (model: string) => string): string {
	const q = quoteIdent;
	switch (test.type) {
		case 'not_null':
			return `select * from ${relation} where ${test.columns.map((c) => `${q(c)} is null`).join(' or ')}`;
		case 'unique': {
			const cols = test.columns.map(q).join(', ');
			return `select ${cols}, count(*) as duplicates from ${relation} group by all having count(*) > 1`;
		}
		case 'accepted_values':
			return `select ${q(test.column)}, count(*) as rows from ${relation} where ${q(test.column)} is not null and ${q(test.column)}::varchar not in (${test.values.map(quoteLiteral).join(', ')}) group by all`;
		case 'relationships':
			return `select child.${q(test.column)}, count(*) as rows from ${relation} child where child.${q(test.column)} is not null and not exists (select 1 from ${resolve(test.model)} parent where parent.${q(test.toColumn)} = child.${q(test.column)}) group by all`;
	}
}
