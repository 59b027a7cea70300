/** Quoting for the few SQL texts the engine writes itself (DDL cannot bind parameters). Pure. */

export function quoteIdent(name: string): string {
	return `"${name.replace(/"/g, '""')}"`;
}

export function quoteLiteral(value: string): string {
	return `'${value.replace(/'/g, "''")}'`;
}
