/** The typed columns of a cohort answer: the CSV header order and the Arrow schema (the rows are computed in TypeScript). */

export interface ColumnSpec {
	readonly key: string;
	readonly type: 'string' | 'date' | 'int' | 'float' | 'bool';
}
