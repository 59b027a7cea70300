/**
 * Compiles the generator's small tables to SQL, pure: the random-number macros, the calendar, channel and
 * partner tables the monthly passes join to, and the exported partners, fx_rates and costs.
 * Called by generate-sample.ts; month-sql.ts compiles the per-month clicks and sales on top of these tables.
 *
 * Randomness is hash-based so output depends only on the seed, never on threads: `rnd(h, 'tag')` re-hashes a
 * row key xor the tag's hash. (DuckDB's multi-argument hash() combines its arguments too weakly to use
 * `hash(seed, id, 'a')` and `hash(seed, id, 'b')` as independent draws: they correlate at ~0.9.)
 */
import { EXPORT_SCHEMA, type ExportTable } from '../lib/server/exports/export-schema.ts';
import { FRAUD_PROFILE, PLANTED_FRAUD_PARTNERS } from './planted-fraud-partners.ts';
import {
	ANCHOR_PARTNERS,
	CHANNEL_PROFILE,
	COST_PROFILE,
	COUNTRY_CURRENCY,
	FX_PROFILE,
	MANAGERS,
	PARTNER_AOV_SIGMA,
	PARTNER_CONVERSION_SIGMA,
	PARTNER_COUNTRIES,
	PARTNER_LIFECYCLE,
	PARTNER_NAME_PARTS,
	PARTNER_WEIGHT_SIGMA,
	type Channel
} from './program-profile.ts';
import type { SampleCalendar } from './sample-calendar.ts';
import { cdfSql, dateLit, listLit, lit, num, switchSql } from './sql-fragments.ts';

export interface GeneratorSettings {
	readonly seed: number;
	readonly scale: number;
	readonly partners: number;
	readonly calendar: SampleCalendar;
}

/** Width of the number in partner ids: P0001 .. P9999, P10000 .. when there are more. */
export function partnerIdWidth(partners: number): number {
	return Math.max(4, String(partners).length);
}

/** Session setup and the macros every other statement uses. */
export function setupSql(s: GeneratorSettings): string[] {
	const nominal = Object.fromEntries(Object.entries(FX_PROFILE).map(([cur, fx]) => [cur, num(fx.start)]));
	const currencyOf = Object.fromEntries(Object.entries(COUNTRY_CURRENCY).map(([country, cur]) => [country, lit(cur)]));
	return [
		`SET TimeZone = 'UTC'`,
		`CREATE MACRO seed() AS ${num(s.seed)}`,
		// Uniform [0,1) from the top 53 bits of a 64-bit hash.
		`CREATE MACRO unif(h) AS (h >> 11)::DOUBLE / 9007199254740992.0`,
		`CREATE MACRO rnd(h, tag) AS unif(hash(xor(h, hash(tag))))`,
		// Standard normal by Box-Muller; 1 - u keeps ln() away from 0.
		`CREATE MACRO gauss(h, tag) AS sqrt(-2 * ln(1 - rnd(h, tag || ':r'))) * cos(2 * pi() * rnd(h, tag || ':a'))`,
		// Log-normal with mean 1.
		`CREATE MACRO lognorm(h, tag, sigma) AS exp(sigma * gauss(h, tag) - sigma * sigma / 2)`,
		`CREATE MACRO nominal_rate(cur) AS ${switchSql('cur', nominal, '1.0')}`,
		`CREATE MACRO currency_of(country) AS ${switchSql('country', currencyOf, "'EUR'")}`
	];
}

/** calendar(day, age, day_s, click_mult, conv_mult, aov_mult, spike) and channels(channel, ...). */
export function contextTablesSql(s: GeneratorSettings): string[] {
	const spike = FRAUD_PROFILE.clickSpike;
	const days = s.calendar.days.map((d) => `(${dateLit(d.date)}, ${d.age}, ${num(d.clicks)}, ${num(d.conversion)}, ${num(d.aov)})`);
	const channels = Object.entries(CHANNEL_PROFILE).map(([channel, c]) => {
		const total = Object.values(c.devices).reduce((a, b) => a + (b ?? 0), 0);
		const cum = (upTo: number) => num((['desktop', 'phone', 'tablet'] as const).slice(0, upTo).reduce((a, d) => a + (c.devices[d] ?? 0), 0) / total);
		return `(${lit(channel)}, ${num(c.weightMean)}, ${num(c.conversionRate)}, ${num(c.aovEur)}, ${num(c.reversalRate)}, ${num(c.returningShare)}, ${num(c.commissionRate)}, ${num(c.couponShare)}, ${num(c.noClickShare)}, ${c.subIds}, ${cum(1)}, ${cum(2)}, ${cum(3)})`;
	});
	return [
		`CREATE TABLE calendar AS
		SELECT day, age::INTEGER AS age, epoch(day)::BIGINT AS day_s, click_mult, conv_mult, aov_mult,
			(age + seed()) % ${spike.period} = ${spike.phase} AS spike
		FROM (VALUES ${days.join(',\n')}) v(day, age, click_mult, conv_mult, aov_mult)`,
		`CREATE TABLE channels AS SELECT * FROM (VALUES ${channels.join(',\n')})
		v(channel, weight_mean, conv_rate, aov_eur, reversal_rate, returning_share, commission_rate, coupon_share, no_click_share, sub_ids, desktop_cum, phone_cum, tablet_cum)`
	];
}

/**
 * gen_partners: one row per partner with the exported columns plus what the monthly passes need (weight,
 * active_from/active_to, quality multipliers, fraud pattern, commission rate).
 */
export function partnersTableSql(s: GeneratorSettings): string {
	const start = dateLit(s.calendar.start);
	const end = dateLit(s.calendar.end);
	const fixed = [...ANCHOR_PARTNERS.map((a) => ({ ...a, pattern: undefined })), ...PLANTED_FRAUD_PARTNERS.map((f) => ({ num: f.num, name: undefined, channel: f.channel, weight: f.weight, country: undefined, pattern: f.pattern }))].filter(
		(p) => p.num <= s.partners
	);
	const byNum = (pick: (p: (typeof fixed)[number]) => string | undefined) =>
		`CASE num ${fixed.map((p) => (pick(p) === undefined ? '' : `WHEN ${p.num} THEN ${pick(p)}`)).join(' ')} ELSE NULL END`;
	const longTailShares = Object.fromEntries(Object.entries(CHANNEL_PROFILE).map(([c, p]) => [c, p.partnerShare]));
	const nameList = (part: 'prefixes' | 'suffixes') =>
		switchSql('channel', Object.fromEntries(Object.entries(PARTNER_NAME_PARTS).map(([c, parts]) => [c, `${listLit(parts[part])}[1 + floor(rnd(h, ${lit(part)}) * ${parts[part].length})::INTEGER]`])));
	const life = PARTNER_LIFECYCLE;
	const instant = FRAUD_PROFILE.instantConversion;
	const width = partnerIdWidth(s.partners);
	const quota = (share: number) => Math.max(1, Math.round(share * (s.partners - fixed.length)));
	return `CREATE TABLE gen_partners AS
	WITH base AS (
		SELECT num::INTEGER AS num, hash(seed(), 'partner', num) AS h FROM range(1, ${s.partners + 1}) r(num)
	), typed AS (
		SELECT num, h,
			coalesce(${byNum((p) => lit(p.channel))}, ${cdfSql(`rnd(h, 'channel')`, longTailShares)}) AS channel,
			${byNum((p) => num(p.weight))} AS fixed_weight,
			${byNum((p) => (p.pattern ? lit(p.pattern) : undefined))} AS fraud_pattern,
			${byNum((p) => (p.name ? lit(p.name) : undefined))} AS fixed_name,
			${byNum((p) => (p.country ? lit(p.country) : undefined))} AS fixed_country
		FROM base
	), joined AS (
		SELECT t.*, c.* EXCLUDE (channel), fixed_weight IS NOT NULL AS is_fixed,
			round(coalesce(fixed_weight, c.weight_mean * lognorm(h, 'weight', ${num(PARTNER_WEIGHT_SIGMA)})), 6)::DECIMAL(18,6) AS weight,
			CASE
				WHEN fixed_weight IS NOT NULL THEN ${start} - (400 + floor(rnd(h, 'joined') * 1500))::INTEGER
				WHEN rnd(h, 'joined_before') < ${num(life.joinedBeforeShare)} THEN ${start} - (1 + floor(rnd(h, 'joined') * 1200))::INTEGER
				ELSE ${start} + floor(rnd(h, 'joined') * ${s.calendar.days.length})::INTEGER
			END AS joined_at,
			rnd(h, 'lifecycle') AS u_life
		FROM typed t JOIN channels c USING (channel)
	), ranked AS (
		-- Lifecycles by quota (the u_life rank among the partners that can have one), so even a small dataset
		-- has terminated and paused partners.
		SELECT *, greatest(joined_at, ${start}) AS first_day,
			NOT is_fixed AND ${end} - greatest(joined_at, ${start}) > 37 AS can_terminate,
			NOT is_fixed AND ${end} - greatest(joined_at, ${start}) > 100 AS can_pause,
			row_number() OVER (PARTITION BY NOT is_fixed AND ${end} - greatest(joined_at, ${start}) > 37 ORDER BY u_life, num) AS terminate_rank,
			row_number() OVER (PARTITION BY NOT is_fixed AND ${end} - greatest(joined_at, ${start}) > 100 ORDER BY u_life DESC, num) AS pause_rank
		FROM joined
	), ended AS (
		SELECT *,
			CASE WHEN can_terminate AND terminate_rank <= ${quota(life.terminatedShare)}
				THEN first_day + 30 + floor(rnd(h, 'ended') * (${end} - first_day - 37))::INTEGER END AS terminated_at,
			CASE WHEN can_pause AND pause_rank <= ${quota(life.pausedShare)} AND NOT (can_terminate AND terminate_rank <= ${quota(life.terminatedShare)})
				THEN ${end} - (20 + floor(rnd(h, 'ended') * 60))::INTEGER END AS paused_from
		FROM ranked
	), named AS (
		SELECT *, coalesce(fixed_name, ${nameList('prefixes')} || ' ' || ${nameList('suffixes')}) AS name_base,
			row_number() OVER (ORDER BY weight DESC, num) AS weight_rank
		FROM ended
	), tiered AS (
		SELECT *,
			CASE WHEN NOT is_fixed AND rnd(h, 'untiered') < ${num(life.untieredShare)} THEN NULL
				WHEN weight_rank <= ${Math.ceil(s.partners * 0.05)} THEN 'gold'
				WHEN weight_rank <= ${Math.ceil(s.partners * 0.2)} THEN 'silver'
				ELSE 'bronze' END AS tier
		FROM named
	)
	SELECT num,
		'P' || lpad(num::VARCHAR, ${width}, '0') AS partner_id,
		name_base || CASE WHEN row_number() OVER (PARTITION BY name_base ORDER BY num) > 1
			THEN ' ' || row_number() OVER (PARTITION BY name_base ORDER BY num) ELSE '' END AS partner_name,
		channel, joined_at,
		CASE WHEN terminated_at IS NOT NULL THEN 'terminated' WHEN paused_from IS NOT NULL THEN 'paused' ELSE 'active' END AS status,
		terminated_at,
		coalesce(fixed_country, ${cdfSql(`rnd(h, 'country')`, PARTNER_COUNTRIES)}) AS country,
		CASE WHEN NOT is_fixed AND rnd(h, 'unmanaged') < ${num(life.unmanagedShare)} THEN NULL
			ELSE ${listLit(MANAGERS)}[1 + floor(rnd(h, 'manager') * ${MANAGERS.length})::INTEGER] END AS manager,
		(commission_rate + CASE tier WHEN 'gold' THEN 0.02 WHEN 'silver' THEN 0.01 ELSE 0 END)::DECIMAL(6,4) AS commission_rate,
		tier,
		-- what the monthly passes use
		h, weight, fraud_pattern, first_day AS active_from,
		least(${end}, coalesce(terminated_at, paused_from, ${end} + 1) - 1) AS active_to,
		-- Planted partners have no random quality, so their patterns show as strongly in every dataset.
		CASE WHEN fraud_pattern IS NULL THEN lognorm(h, 'conv_q', ${num(PARTNER_CONVERSION_SIGMA)})
			WHEN fraud_pattern = 'instant_conversion' THEN ${num(instant.conversionMultiplier)} ELSE 1 END AS conv_q,
		lognorm(h, 'aov_q', ${num(PARTNER_AOV_SIGMA)}) AS aov_q,
		CASE fraud_pattern WHEN 'high_reversal' THEN ${num(FRAUD_PROFILE.highReversal.reversalRate)} ELSE reversal_rate END AS reversal_rate,
		conv_rate, aov_eur, returning_share, coupon_share, no_click_share, sub_ids, desktop_cum, phone_cum, tablet_cum,
		upper(left(regexp_replace(name_base, '[^A-Za-z]', '', 'g'), 6)) AS coupon_prefix
	FROM tiered`;
}

/** Exported columns of a table, in contract order. */
export function exportColumns(table: ExportTable): string {
	return EXPORT_SCHEMA[table].map((c) => c.name).join(', ');
}

export function partnersExportSql(): string {
	return `SELECT ${exportColumns('partners').replace('commission_plan', `'CPS ' || printf('%.1f', commission_rate * 100) || '%' AS commission_plan`)}
	FROM gen_partners ORDER BY num`;
}

/** fx_rates: every day of the data; EUR at 1.0, the others a log random walk in integer micro-steps (exact sums). */
export function fxExportSql(): string {
	const walks = Object.entries(FX_PROFILE).map(([cur, fx]) => `(${lit(cur)}, ${num(fx.start)}, ${Math.round(fx.dailySigma * 1e6)})`);
	return `SELECT day AS date, currency, rate_to_base FROM (
		SELECT day, 'EUR' AS currency, 1.0::DOUBLE AS rate_to_base FROM calendar
		UNION ALL
		SELECT day, currency,
			round(start_rate * exp(sum(step) OVER (PARTITION BY currency ORDER BY day ROWS UNBOUNDED PRECEDING) / 1e6), 6) AS rate_to_base
		FROM (
			SELECT c.day, w.currency, w.start_rate,
				round(w.sigma_micro * gauss(hash(seed(), 'fx', w.currency, c.day), 'step'))::BIGINT AS step
			FROM calendar c, (VALUES ${walks.join(', ')}) w(currency, start_rate, sigma_micro)
		)
	) ORDER BY date, currency`;
}

/**
 * costs: partner-level monthly bonuses, weekly placement fees and monthly tenancies in the partner's currency;
 * program-level platform and agency fees and channel-level "other" costs with partner_id NULL. Only complete
 * months and weeks inside the data are invoiced, so every cost date has an FX rate.
 */
export function costsExportSql(s: GeneratorSettings): string {
	const months = s.calendar.months.filter((m) => m.complete).map((m) => `(${lit(m.key)}, ${dateLit(m.start)}, ${dateLit(m.end)})`);
	const weeks = s.calendar.weeks.map((w) => `(${lit(w.key)}, ${dateLit(w.start)}, ${dateLit(w.end)})`);
	const empty = `(NULL::VARCHAR, NULL::DATE, NULL::DATE)`;
	const c = COST_PROFILE;
	const scale = num(s.scale);
	const placementChannels = (['content', 'coupon', 'cashback'] as const satisfies readonly Channel[]).map(lit).join(', ');
	const tenancyChannels = (['content', 'comparison'] as const satisfies readonly Channel[]).map(lit).join(', ');
	const local = (eur: string) => `greatest(1, round(${eur} / nominal_rate(currency_of(p.country)), 2))::DECIMAL(18,2)`;
	return `WITH months AS (SELECT * FROM (VALUES ${months.length ? months.join(', ') : empty}) v(k, period_start, period_end) WHERE k IS NOT NULL),
	weeks AS (SELECT * FROM (VALUES ${weeks.length ? weeks.join(', ') : empty}) v(k, period_start, period_end) WHERE k IS NOT NULL),
	partner_months AS (
		SELECT m.*, p.*, hash(seed(), 'cost', p.num, m.k) AS hc FROM months m JOIN gen_partners p
			ON p.active_from <= m.period_start AND p.active_to >= m.period_end
	),
	rows AS (
		SELECT 'bonus' AS cost_type, k, period_start, period_end, partner_id, channel,
			${local(`weight * ${num(c.bonus.eurPerWeight)} * ${scale} * (0.5 + rnd(hc, 'bonus_amount'))`)} AS amount, currency_of(p.country) AS currency
		FROM partner_months p
		WHERE (tier = 'gold' AND rnd(hc, 'bonus') < ${num(c.bonus.goldChance)}) OR (tier = 'silver' AND rnd(hc, 'bonus') < ${num(c.bonus.silverChance)})
		UNION ALL
		SELECT 'tenancy', k, period_start, period_end, partner_id, channel,
			${local(`weight * ${num(c.tenancy.eurPerWeight)} * ${scale}`)}, currency_of(p.country)
		FROM partner_months p WHERE channel IN (${tenancyChannels}) AND weight >= ${num(c.tenancy.minWeight)}
		UNION ALL
		SELECT 'placement_fee', w.k, w.period_start, w.period_end, p.partner_id, p.channel,
			${local(`p.weight * ${num(c.placementFee.eurPerWeight)} * ${scale} * (0.5 + rnd(hash(seed(), 'placement', p.num, w.k), 'amount'))`)}, currency_of(p.country)
		FROM weeks w JOIN gen_partners p ON p.active_from <= w.period_start AND p.active_to >= w.period_end
		WHERE p.channel IN (${placementChannels}) AND p.weight >= ${num(c.placementFee.minWeight)}
			AND rnd(hash(seed(), 'placement', p.num, w.k), 'chance') <
				CASE WHEN month(w.period_start) IN (11, 12) THEN ${num(c.placementFee.peakChance)} ELSE ${num(c.placementFee.chance)} END
		UNION ALL
		SELECT 'platform_fee', k, period_start, period_end, NULL, NULL,
			round(${num(c.platformFee.fixed)} + ${num(c.platformFee.perScale)} * ${scale}, 2)::DECIMAL(18,2), ${lit(c.platformFee.currency)}
		FROM months
		UNION ALL
		SELECT 'agency_fee', k, period_start, period_end, NULL, NULL,
			round(${num(c.agencyFee.fixed)} + ${num(c.agencyFee.perScale)} * ${scale}, 2)::DECIMAL(18,2), ${lit(c.agencyFee.currency)}
		FROM months
		UNION ALL
		SELECT 'other', k, period_start, period_end, NULL, ${lit(c.other.channel)},
			round((${num(c.other.fixed)} + ${num(c.other.perScale)} * ${scale}) * (0.5 + rnd(hash(seed(), 'other', k), 'amount')), 2)::DECIMAL(18,2), 'EUR'
		FROM months WHERE rnd(hash(seed(), 'other', k), 'chance') < ${num(c.other.chance)}
	)
	SELECT 'cost-' || replace(cost_type, '_', '-') || '-' || k || '-' || coalesce(partner_id, channel, 'program') AS cost_id,
		period_start, period_end, partner_id, channel, cost_type, amount, currency
	FROM rows ORDER BY period_start, cost_id`;
}
