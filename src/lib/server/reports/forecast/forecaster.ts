/**
 * What computes a revenue forecast from its inputs: a pool of worker threads (forecast-pool.ts), so the
 * backtests never hold the server's event loop, or this thread (the CLI's one-off runs, and the reference
 * the worker's answers are tested against). Called by ForecastService.
 */
import type { RevenueForecastAnswer } from '../../../planning/forecast-types.ts';
import { ForecastPool } from './forecast-pool.ts';
import type { ForecastInputs } from './inputs.ts';
import { revenueForecast, type RevenueForecastOptions } from './revenue.ts';

export interface Forecaster {
	revenue(inputs: ForecastInputs, options: RevenueForecastOptions): Promise<RevenueForecastAnswer>;
	close(): Promise<void>;
}

/** Forecasts on the calling thread, yielding to the event loop between series (revenue.ts). */
export const inProcessForecaster: Forecaster = {
	revenue: (inputs, options) => revenueForecast(inputs, options),
	close: async () => {}
};

/** `workers` threads (PARTNERSCOPE_FORECAST_WORKERS), or this thread when 0. */
export function forecasterFor(workers: number): Forecaster {
	return workers > 0 ? new ForecastPool({ size: workers }) : inProcessForecaster;
}

let shared: Forecaster | null = null;

/** One worker shared by every API created without a forecaster of its own (tests, bench). */
export function sharedForecaster(): Forecaster {
	return (shared ??= new ForecastPool({ size: 1 }));
}
