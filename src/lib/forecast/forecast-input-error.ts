/**
 * The one error the forecasting engine throws on purpose: input a caller can fix (bad CSV line, duplicate
 * date, horizon not a positive integer, too few points). Thrown by parse-series-csv, regularise-series and
 * forecast; the CLI maps it to exit code 2, the API to a 400.
 */
export class ForecastInputError extends Error {
	override name = 'ForecastInputError';
	/** 1-based line of the CSV input at fault, when there is one. */
	readonly line: number | undefined;
	/** The field at fault: 'date', 'value', 'header', 'horizon', ... */
	readonly field: string | undefined;
	/** The offending date (YYYY-MM-DD), so that a caller holding the rows can name their line. */
	readonly date: string | undefined;

	constructor(message: string, options: { readonly line?: number; readonly field?: string; readonly date?: string } = {}) {
		super(message);
		this.line = options.line;
		this.field = options.field;
		this.date = options.date;
	}
}
