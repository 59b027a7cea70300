/** The shape every quality signal takes once detected (pure type): who, which signal, how bad, why, how many rows. */
import type { Severity, SignalKind } from './quality-thresholds.ts';

export interface QualityFinding {
	readonly partner_id: string;
	readonly partner_name: string;
	readonly channel: string;
	readonly signal: SignalKind;
	readonly severity: Severity;
	/** The day of a click spike; null for signals measured over the whole range. */
	readonly date: string | null;
	/** The main measure (valid clicks of the day, a share, or a robust z-score) and the threshold it passed. */
	readonly value: number;
	readonly threshold: number;
	/** How many rows stand behind the signal: the count the rows endpoint adds up to. */
	readonly count: number;
	/** The signal in plain words, with its numbers. */
	readonly detail: string;
}

export interface PartnerRef {
	readonly partner_id: string;
	readonly partner_name: string;
	readonly channel: string;
}
