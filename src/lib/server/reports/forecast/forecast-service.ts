/**
 * The forecasts of one warehouse, as the forecast routes ask for them: the inputs (read from DuckDB), the
 * revenue forecasts (computed by a Forecaster, worker threads in the server) and the liability inputs, each
 * cached per published model versions and parameters (ForecastCache: requests for the same key share one
 * computation). `watch()` warms the cache in the background at start and after every publish for what pages
 * ask first (the Forecast page's default horizon over every channel, unscoped), so no user waits for the
 * backtests. Created by createApi (one per warehouse), watched by the server (app-context.ts).
 */
import type { RevenueForecastAnswer } from '../../../planning/forecast-types.ts';
import type { PublishedState } from '../../models/catalog.ts';
import { NotReadyError } from '../../errors.ts';
import type { Warehouse } from '../../warehouse/warehouse.ts';
import type { PartnerReportScope } from '../partner/report.ts';
import { ForecastCache } from './cache.ts';
import type { Forecaster } from './forecaster.ts';
import { loadForecastInputs, type ForecastInputs } from './inputs.ts';
import { loadLiabilityInputs, type LiabilityInputs } from './liability.ts';
import { DEFAULT_HORIZON } from './params.ts';

/** The models the forecast reads: their versions key the cache, and the answers' meta names them. */
export const FORECAST_MODELS = ['fct_daily', 'fct_daily_rollup', 'fct_program_daily', 'stg_sales', 'stg_partners'] as const;

/** No partner or channel limit: what an unscoped user (and the warm-up) forecasts from. */
export const UNSCOPED: PartnerReportScope = Object.freeze({ partner: [], channel: [] });

/** What one set of forecast inputs is: the published versions, the week's first day, the caller's scope. */
export interface ForecastKey {
	readonly base: string;
	readonly weekStart: number;
	readonly scope: PartnerReportScope;
}

export type WarmOutcome = 'warmed' | 'nothing-published' | 'stale' | 'failed';

export interface ForecastServiceOptions {
	readonly forecaster: Forecaster;
	/** Where warm-up failures go; default console.error. */
	readonly log?: (line: string) => void;
	/** Where a finished warm-up is reported (the server's log); default nowhere. */
	readonly info?: (line: string) => void;
	/** Cached answers at most (inputs, forecasts and liability inputs together). */
	readonly cacheLimit?: number;
}

export class ForecastService {
	readonly #warehouse: Warehouse;
	readonly #forecaster: Forecaster;
	readonly #log: (line: string) => void;
	readonly #info: (line: string) => void;
	readonly #cache: ForecastCache;
	#computed = 0;
	#generation = 0;
	#warming: Promise<WarmOutcome> | null = null;

	constructor(warehouse: Warehouse, options: ForecastServiceOptions) {
		this.#warehouse = warehouse;
		this.#forecaster = options.forecaster;
		this.#log = options.log ?? ((line) => console.error(line));
		this.#info = options.info ?? (() => {});
		this.#cache = new ForecastCache(options.cacheLimit);
	}

	/** Revenue forecasts computed so far (cache misses), by requests and warm-ups together. */
	get computed(): number {
		return this.#computed;
	}

	/** The latest warm-up, settled or running; null before the first. */
	get warming(): Promise<WarmOutcome> | null {
		return this.#warming;
	}

	keyOf(state: PublishedState, scope: PartnerReportScope): ForecastKey {
		const versions = FORECAST_MODELS.map((m) => state.models.get(m)?.version ?? 'unpublished');
		const weekStart = this.#warehouse.config.weekStart;
		return { base: `${versions.join(',')}|${weekStart}|${JSON.stringify({ partner: scope.partner, channel: scope.channel })}`, weekStart, scope };
	}

	inputs(key: ForecastKey): Promise<ForecastInputs> {
		return this.#cache.get(`inputs|${key.base}`, async () => {
			const loaded = await loadForecastInputs(this.#warehouse.db, { weekStart: key.weekStart, scope: key.scope });
			if (!loaded) throw new NotReadyError('no complete reporting week of data yet: nothing to forecast from');
			return loaded;
		});
	}

	/** The inputs and the revenue forecast for a horizon and channel set (empty = every channel). */
	async revenue(key: ForecastKey, horizon: number, channels: readonly string[]): Promise<{ inputs: ForecastInputs; forecast: RevenueForecastAnswer }> {
		const inputs = await this.inputs(key);
		const sorted = [...channels].sort();
		const forecast = await this.#cache.get(`revenue|${key.base}|${horizon}|${sorted.join(',')}`, () => {
			this.#computed++;
			return this.#forecaster.revenue(inputs, { horizon, channels: sorted });
		});
		return { inputs, forecast };
	}

	liability(key: ForecastKey, inputs: ForecastInputs): Promise<LiabilityInputs> {
		return this.#cache.get(`liability|${key.base}`, () => loadLiabilityInputs(this.#warehouse.db, inputs.dataThrough, key.scope));
	}

	/**
	 * Computes what pages ask first for the current publish, unless cached. A publish during the warm-up makes
	 * it stale: it stops at its next step, and what it computed is keyed by the old versions, which no request
	 * asks for any more. Never rejects: a failure is logged and reported as 'failed'.
	 */
	warm(): Promise<WarmOutcome> {
		const generation = ++this.#generation;
		const run = this.#warm(generation).catch((error: unknown) => {
			this.#log(`partnerscope: warming the forecast cache failed (the first request will compute it): ${error instanceof Error ? error.message : String(error)}`);
			return 'failed' as const;
		});
		this.#warming = run;
		return run;
	}

	/** Warms now and after every publish of the warehouse; returns the function that stops watching. */
	watch(): () => void {
		const stop = this.#warehouse.onPublish(() => void this.warm());
		void this.warm();
		return stop;
	}

	async #warm(generation: number): Promise<WarmOutcome> {
		const stale = () => generation !== this.#generation;
		const state = await this.#warehouse.publishedState();
		if (state.publishId === null) return 'nothing-published';
		if (stale()) return 'stale';
		const started = performance.now();
		const key = this.keyOf(state, UNSCOPED);
		const inputs = await this.inputs(key);
		if (stale()) return 'stale';
		await Promise.all([this.revenue(key, DEFAULT_HORIZON, []), this.liability(key, inputs)]);
		if (stale()) return 'stale';
		this.#info(`partnerscope: forecast of publish #${state.publishId} ready (${DEFAULT_HORIZON} weeks, every channel) after ${((performance.now() - started) / 1000).toFixed(1)} s`);
		return 'warmed';
	}
}
