/**
 * Compiles one month of the sample to SQL, pure: that month's clicks (partner-days expanded into rows),
 * the sales they lead to (buffered until the month they convert in) and the customers they create.
 * Called by generate-sample.ts once per month, oldest first; needs the tables of reference-sql.ts.
 */
import { DEVICE_TYPES } from '../lib/server/exports/export-schema.ts';
import { FRAUD_PROFILE } from './planted-fraud-partners.ts';
import {
	BASE_DAILY_CLICKS,
	CLICK_COUNTRIES,
	CLICK_PROFILE,
	CLICK_TO_SALE,
	DEVICE_PROFILE,
	HOME_COUNTRY_SHARE,
	HOUR_WEIGHTS,
	PARTNER_DAY_SIGMA,
	SALE_LIFECYCLE,
	UNKNOWN_COUNTRY_SHARE
} from './program-profile.ts';
import { exportColumns, partnerIdWidth, type GeneratorSettings } from './reference-sql.ts';
import { cdfSql, dateLit, lit, lutSql, num, switchSql } from './sql-fragments.ts';

export interface MonthPass {
	/** Position of the month in the data, 0 = first. */
	readonly index: number;
	/** First and last day of the month inside the data. */
	readonly start: string;
	readonly end: string;
}

const DAY_S = 86_400;

/** One uniform column per tag: `rnd(h, 'tag') AS u_tag`. */
function draws(tags: readonly string[], key = 'h'): string {
	return tags.map((t) => `rnd(${key}, ${lit(t)}) AS u_${t}`).join(', ');
}

/** Epoch seconds of 00:00 UTC of a YYYY-MM-DD date. */
export function epochSeconds(date: string): number {
	return Date.parse(`${date}T00:00:00Z`) / 1000;
}

/** Tables that live across months: the customer pool and the sales waiting for their conversion month. */
export function monthStateSql(): string[] {
	return [
		`CREATE TABLE gen_totals AS SELECT sum(weight)::DOUBLE AS total_weight FROM gen_partners`, // exact DECIMAL sum
		`CREATE TABLE customers (customer_id VARCHAR, country VARCHAR, first_s BIGINT)`,
		`CREATE TABLE sales_buf (
			conversion_id VARCHAR, order_id VARCHAR, click_id VARCHAR, partner_id VARCHAR, converted_at TIMESTAMPTZ,
			validated_at TIMESTAMPTZ, status VARCHAR, reversal_reason VARCHAR, sale_amount DECIMAL(18,2),
			commission_amount DECIMAL(18,4), network_fee_amount DECIMAL(18,4), currency VARCHAR, customer_id VARCHAR,
			customer_status VARCHAR, coupon_code VARCHAR, device_type VARCHAR, country VARCHAR, converted_s BIGINT)`
	];
}

/**
 * Statements that prepare the month, in order: the customer pool as of the month start, the partner-days with
 * their click counts, one key row per click, and the view month_clicks (every click column, and what sales need).
 */
export function monthClicksSql(s: GeneratorSettings, m: MonthPass): string[] {
	const spike = FRAUD_PROFILE.clickSpike;
	const hours = Object.fromEntries(HOUR_WEIGHTS.map((w, h) => [String(h), w]));
	const pages = Object.fromEntries(
		Object.entries(CLICK_PROFILE.landingPages).map(([page, w]) => [page === 'product' ? `'/product/p' || floor(u_product * ${CLICK_PROFILE.productPages})::INTEGER` : lit(page), w ?? 0])
	);
	const subPrefix = switchSql('channel', { content: `'art-'`, email: `'list-'`, sub_network: `'site-'` }, `'sub-'`);
	const deviceConversion = switchSql('device_type', Object.fromEntries(DEVICE_TYPES.map((d) => [d, num(DEVICE_PROFILE[d].conversion)])), '1');
	// 16 hex digits: the top bit is set so hex() never drops leading zeros (printf would be 3x slower).
	const hex = (key: string) => `hex(${key} | 9223372036854775808::UBIGINT)`;
	const width = partnerIdWidth(s.partners);
	return [
		`CREATE OR REPLACE TABLE pool AS
		SELECT country, customer_id, row_number() OVER (PARTITION BY country ORDER BY first_s, customer_id) - 1 AS seq
		FROM customers WHERE first_s < ${epochSeconds(m.start)}`,
		`CREATE OR REPLACE TABLE pool_counts AS SELECT country, count(*) AS n FROM pool GROUP BY country`,
		`CREATE OR REPLACE TABLE month_days AS
		WITH d AS (
			SELECT p.num, c.day, c.day_s, c.conv_mult, c.aov_mult, hash(seed(), 'pday', p.num, c.day) AS hd,
				p.partner_id, p.channel, p.country AS partner_country, p.sub_ids, p.conv_rate, p.conv_q, p.desktop_cum, p.phone_cum, p.tablet_cum,
				p.fraud_pattern IS NOT DISTINCT FROM 'click_spike' AND c.spike AS spike_day,
				${num(BASE_DAILY_CLICKS)} * ${num(s.scale)} * p.weight::DOUBLE / t.total_weight * c.click_mult
					* lognorm(hash(seed(), 'pday', p.num, c.day), 'noise', ${num(PARTNER_DAY_SIGMA)}) AS expected
			FROM gen_partners p JOIN calendar c ON c.day BETWEEN p.active_from AND p.active_to, gen_totals t
			WHERE c.day BETWEEN ${dateLit(m.start)} AND ${dateLit(m.end)}
		)
		-- Stochastic rounding keeps the mean count right even for tiny partners.
		SELECT num, day, day_s, conv_mult, aov_mult,
			partner_id, channel, partner_country, sub_ids, conv_rate, conv_q, desktop_cum, phone_cum, tablet_cum,
			-- Text shared by the day's clicks, built once here: string functions are the costliest part per click.
			lpad(num::VARCHAR, ${width}, '0') AS num_text,
			strftime(day, '%y%m%d') || '-' || lpad(num::VARCHAR, ${width}, '0') || '-' AS key_prefix,
			floor(expected + rnd(hd, 'round'))::BIGINT AS n,
			CASE WHEN spike_day THEN floor(expected * ${num(spike.extraClicks)} + rnd(hd, 'spike'))::BIGINT ELSE 0 END AS n_spike
		FROM d ORDER BY day, num`,
		// Expanding partner-days into clicks runs on one thread; the heavy projection below then scans this
		// table in parallel. Rows keep (day, partner, i) order all the way to the file, whatever the thread
		// count, so the files need no sort: unnest() streams in input order (a lateral range() join would
		// hash-join and lose it), and the view below is a pure projection (partner columns come with the day).
		`CREATE OR REPLACE TABLE month_keys AS
		SELECT * EXCLUDE (day, n, n_spike), i >= n AS is_spike, hash(seed(), 'click', num, day, i) AS h
		FROM (SELECT *, unnest(range(n + n_spike)) AS i FROM month_days)`,
		// A view, not a table: the clicks COPY computes every column once, and the sales query only the few
		// it needs (DuckDB drops unused columns), so no click row is ever stored whole.
		`CREATE OR REPLACE VIEW month_clicks AS
		WITH u AS (
			-- Each draw once per click: a CASE would otherwise re-hash it in every branch.
			SELECT *, ${draws(['device', 'country_unknown', 'home', 'country', 'invalid', 'invalid_reason', 'hour', 'second', 'creative_missing', 'creative', 'sub', 'landing_missing', 'landing', 'product', 'ip_missing', 'ip', 'unique', 'convert'])}
			FROM month_keys
		), drawn AS (
			SELECT *,
				CASE
					WHEN u_device < desktop_cum THEN 'desktop'
					WHEN u_device < phone_cum THEN 'phone'
					WHEN u_device < tablet_cum THEN 'tablet'
					ELSE 'other' END AS device_type,
				CASE
					WHEN u_country_unknown < ${num(UNKNOWN_COUNTRY_SHARE)} THEN NULL
					WHEN u_home < ${num(HOME_COUNTRY_SHARE)} THEN partner_country
					ELSE ${cdfSql('u_country', CLICK_COUNTRIES)} END AS country,
				u_invalid < CASE WHEN is_spike THEN ${num(spike.flaggedShare)} ELSE ${num(CLICK_PROFILE.invalidShare)} END AS is_invalid
			FROM u
		), reasoned AS (
			SELECT *, CASE WHEN is_invalid THEN
				CASE WHEN is_spike THEN 'bot' ELSE ${cdfSql('u_invalid_reason', CLICK_PROFILE.invalidReasons)} END
			END AS invalid_reason
			FROM drawn
		)
		SELECT num, i, h, partner_id, aov_mult,
			'c' || key_prefix || i AS click_id,
			day_s + 3600 * CASE WHEN is_spike THEN ${spike.fromHour} + floor(u_hour * ${spike.toHour - spike.fromHour})::BIGINT
				ELSE ${lutSql('u_hour', hours)} END
				+ floor(u_second * 3600)::BIGINT AS clicked_s,
			CASE WHEN u_creative_missing < ${num(CLICK_PROFILE.missingCreativeShare)} THEN NULL
				ELSE 'cr-' || num_text || '-' || (1 + floor(u_creative * ${CLICK_PROFILE.creativesPerPartner})::INTEGER) END AS creative_id,
			CASE WHEN sub_ids > 0 THEN ${subPrefix} || floor(pow(u_sub, 2) * sub_ids)::INTEGER END AS sub_id,
			CASE WHEN u_landing_missing < ${num(CLICK_PROFILE.missingLandingPageShare)} THEN NULL
				ELSE ${cdfSql('u_landing', pages, true)} END AS landing_page,
			device_type, country,
			CASE
				WHEN u_ip_missing < ${num(CLICK_PROFILE.missingIpShare)} THEN NULL
				WHEN is_spike THEN ${hex(`hash(seed(), 'spike-ip', floor(u_ip * ${spike.ipPool}))`)}
				WHEN invalid_reason IN ('bot', 'blocked_ip', 'datacenter_ip') THEN ${hex(`hash(seed(), 'bad-ip', floor(u_ip * 500))`)}
				ELSE ${hex(`hash(h, 'ip')`)} END AS ip_hash,
			CASE
				WHEN is_spike THEN u_unique < ${num(spike.uniqueShare)}
				WHEN invalid_reason = 'duplicate_click' THEN false
				ELSE u_unique < ${num(CLICK_PROFILE.uniqueShare)} END AS is_unique,
			is_invalid, invalid_reason,
			NOT is_invalid AND NOT is_spike AND u_convert < conv_rate * conv_q * conv_mult * ${deviceConversion} AS converts
		FROM reasoned`
	];
}

/** The month's clicks in generation order: by day, then partner (a sort by time would cost as much as the write). */
export function clicksExportSql(): string {
	return `SELECT ${exportColumns('clicks').replace('clicked_at', 'to_timestamp(clicked_s) AS clicked_at')} FROM month_clicks`;
}

/**
 * Statements that turn the month's converting clicks into sales: month_sales (with status, amounts and the
 * customer), then new customers into the pool and all sales into sales_buf.
 */
export function monthSalesSql(s: GeneratorSettings, m: MonthPass): string[] {
	const exportS = epochSeconds(s.calendar.end) + DAY_S;
	const inst = FRAUD_PROFILE.instantConversion;
	const cts = CLICK_TO_SALE;
	const life = SALE_LIFECYCLE;
	const lagDays = life.validationMaxDays - life.validationMinDays + 1;
	const deviceAov = switchSql('device_type', Object.fromEntries(DEVICE_TYPES.map((d) => [d, num(DEVICE_PROFILE[d].aov)])), '1');
	const ramp = num(Math.min(1, m.index / life.returningRampMonths));
	return [
		`CREATE OR REPLACE TABLE month_sales AS
		WITH conv AS (
			SELECT c.h, c.click_id, c.clicked_s, c.device_type, c.country, c.aov_mult,
				p.partner_id, p.fraud_pattern, p.country AS partner_country, p.aov_eur, p.aov_q, p.reversal_rate,
				p.returning_share, p.commission_rate, p.coupon_share, p.no_click_share, p.coupon_prefix,
				coalesce(c.country, p.country) AS cust_country,
				${draws(['instant', 'delay_mode', 'delay', 'returning', 'who', 'validation_lag', 'reversal', 'reason', 'no_click', 'coupon', 'coupon_value', 'welcome'], 'c.h')}
			FROM month_clicks c JOIN gen_partners p USING (num)
			WHERE c.converts
		), timed AS (
			SELECT *, clicked_s + CASE
					WHEN fraud_pattern IS NOT DISTINCT FROM 'instant_conversion' AND u_instant < ${num(inst.share)}
						THEN ${inst.minSeconds} + floor(u_delay * ${inst.maxSeconds - inst.minSeconds + 1})
					WHEN u_delay_mode < ${num(cts.sameSessionShare)}
						THEN ${cts.minSeconds} + least(floor(-ln(1 - u_delay) * ${cts.sameSessionMeanSeconds}), 10800)
					WHEN u_delay_mode < ${num(cts.sameSessionShare + cts.sameDayShare)}
						THEN 3600 + floor(u_delay * 82800)
					ELSE ${DAY_S} + floor(pow(u_delay, 2) * ${(cts.cookieWindowDays - 1) * DAY_S})
				END::BIGINT AS converted_s
			FROM conv
		), picked AS (
			SELECT v.*,
				u_returning < returning_share * ${ramp} AND coalesce(pc.n, 0) > 0 AS is_returning,
				-- Returning buyers are drawn with density rising towards recent customers (seq / n = u^(1/k) has
				-- density k x^(k-1)), so older cohorts buy again less often.
				CASE WHEN u_returning < returning_share * ${ramp} AND coalesce(pc.n, 0) > 0
					THEN least(pc.n - 1, floor(pc.n * pow(u_who, ${num(1 / life.returningRecencyPower)})))::BIGINT END AS pool_seq,
				converted_s + ${DAY_S} * (${life.validationMinDays} + floor(u_validation_lag * ${lagDays})::BIGINT) AS validated_s,
				u_reversal < reversal_rate AS is_reversed,
				round(greatest(${num(life.minSaleEur)}, aov_eur * aov_q * aov_mult * ${deviceAov} * lognorm(h, 'amount', ${num(life.aovSigma)}))
					/ nominal_rate(currency_of(cust_country)), 2)::DECIMAL(18,2) AS sale_amount
			FROM timed v LEFT JOIN pool_counts pc ON pc.country = v.cust_country
			WHERE converted_s < ${exportS}
		)
		SELECT 's' || substr(x.click_id, 2) AS conversion_id,
			'ORD-' || upper(substr(x.click_id, 2)) AS order_id,
			CASE WHEN u_no_click < no_click_share THEN NULL ELSE x.click_id END AS click_id,
			partner_id,
			to_timestamp(converted_s) AS converted_at,
			CASE WHEN validated_s < ${exportS} THEN to_timestamp(validated_s) END AS validated_at,
			CASE
				WHEN validated_s >= ${exportS} THEN 'pending'
				WHEN is_reversed THEN 'reversed'
				-- Approved sales are paid on the payout day of the month after validation.
				WHEN last_day(to_timestamp(validated_s)::DATE) + ${life.payoutDayOfMonth} < ${dateLit(s.calendar.end)} + 1 THEN 'paid'
				ELSE 'approved' END AS status,
			CASE WHEN validated_s < ${exportS} AND is_reversed THEN
				CASE WHEN fraud_pattern IS NOT DISTINCT FROM 'high_reversal' THEN ${cdfSql('u_reason', FRAUD_PROFILE.highReversal.reasons)}
					ELSE ${cdfSql('u_reason', life.reversalReasons)} END
			END AS reversal_reason,
			sale_amount,
			round(sale_amount * commission_rate, 4)::DECIMAL(18,4) AS commission_amount,
			round(round(sale_amount * commission_rate, 4) * ${num(life.networkFeeShare)}, 4)::DECIMAL(18,4) AS network_fee_amount,
			currency_of(cust_country) AS currency,
			coalesce(pool.customer_id, 'u' || substr(x.click_id, 2)) AS customer_id,
			CASE WHEN is_returning THEN 'returning' ELSE 'new' END AS customer_status,
			CASE
				WHEN u_coupon < coupon_share THEN coupon_prefix || ['5', '10', '15', '20'][1 + floor(u_coupon_value * 4)::INTEGER]
				WHEN NOT is_returning AND u_welcome < ${num(life.welcomeCodeShare)} THEN 'WELCOME10'
			END AS coupon_code,
			device_type, x.country, converted_s, cust_country
		FROM picked x LEFT JOIN pool ON pool.country = x.cust_country AND pool.seq = x.pool_seq`,
		`INSERT INTO customers SELECT customer_id, cust_country, converted_s FROM month_sales WHERE customer_status = 'new'`,
		`INSERT INTO sales_buf SELECT * EXCLUDE (cust_country) FROM month_sales`
	];
}

/** Sales that converted before `untilDate` (exclusive), sorted; then removed from the buffer by salesFlushSql. */
export function salesExportSql(untilDate: string): string {
	return `SELECT ${exportColumns('sales')} FROM sales_buf WHERE converted_s < ${epochSeconds(untilDate)} ORDER BY converted_s, conversion_id`;
}

export function salesFlushSql(untilDate: string): string {
	return `DELETE FROM sales_buf WHERE converted_s < ${epochSeconds(untilDate)}`;
}
