/**
 * The statistical shape of the sample affiliate program: every rate, share and multiplier the generator uses,
 * in one readable table. Read by sample-sql.ts (compiled into SQL) and sample-calendar.ts; holds no logic.
 * Money is in EUR here; the generator converts to the row's own currency.
 */
import type { CHANNELS, DEVICE_TYPES } from '../lib/server/exports/export-schema.ts';

export type Channel = (typeof CHANNELS)[number];
export type DeviceType = (typeof DEVICE_TYPES)[number];

/** A discrete distribution: value -> weight (weights need not sum to 1; they are normalised). */
export type Mix<T extends string = string> = Readonly<Partial<Record<T, number>>>;

export interface ChannelProfile {
	/** Share of the partner count in this channel (long-tail partners only; anchors and fraud are fixed). */
	readonly partnerShare: number;
	/** Mean click weight of a long-tail partner relative to a content partner. */
	readonly weightMean: number;
	/** Click -> sale probability before device, partner and season multipliers. */
	readonly conversionRate: number;
	/** Average order value in EUR before device, partner and season multipliers. */
	readonly aovEur: number;
	/** Share of validated sales that end reversed (program-wide about 10%, cashback the most). */
	readonly reversalRate: number;
	/** Share of sales by customers who bought before, once the customer pool has filled up. */
	readonly returningShare: number;
	/** Commission as a share of the sale amount (gold tier +2 points, silver +1). */
	readonly commissionRate: number;
	/** Share of sales carrying a coupon code. */
	readonly couponShare: number;
	/** Share of sales attributed by coupon code alone: exported with click_id NULL. */
	readonly noClickShare: number;
	/** Device mix of clicks. */
	readonly devices: Mix<DeviceType>;
	/** Sub-ids per partner (0 = the channel does not use sub_id). */
	readonly subIds: number;
}

export const CHANNEL_PROFILE: Readonly<Record<Channel, ChannelProfile>> = {
	//             partners  weight  conv.   AOV  reversal returning commission coupon noClick
	content: /*   */ { partnerShare: 0.34, weightMean: 1.0, conversionRate: 0.022, aovEur: 96, reversalRate: 0.06, returningShare: 0.3, commissionRate: 0.07, couponShare: 0.02, noClickShare: 0, devices: { desktop: 0.42, phone: 0.48, tablet: 0.08, other: 0.02 }, subIds: 80 },
	coupon: /*    */ { partnerShare: 0.12, weightMean: 1.4, conversionRate: 0.07, aovEur: 72, reversalRate: 0.08, returningShare: 0.45, commissionRate: 0.04, couponShare: 1, noClickShare: 0.22, devices: { desktop: 0.46, phone: 0.46, tablet: 0.06, other: 0.02 }, subIds: 0 },
	cashback: /*  */ { partnerShare: 0.06, weightMean: 1.6, conversionRate: 0.085, aovEur: 88, reversalRate: 0.13, returningShare: 0.55, commissionRate: 0.09, couponShare: 0, noClickShare: 0, devices: { desktop: 0.52, phone: 0.41, tablet: 0.06, other: 0.01 }, subIds: 0 },
	influencer: /**/ { partnerShare: 0.22, weightMean: 0.6, conversionRate: 0.012, aovEur: 62, reversalRate: 0.07, returningShare: 0.15, commissionRate: 0.1, couponShare: 0.55, noClickShare: 0, devices: { desktop: 0.12, phone: 0.82, tablet: 0.05, other: 0.01 }, subIds: 0 },
	email: /*     */ { partnerShare: 0.07, weightMean: 0.8, conversionRate: 0.035, aovEur: 78, reversalRate: 0.05, returningShare: 0.5, commissionRate: 0.06, couponShare: 0.1, noClickShare: 0, devices: { desktop: 0.47, phone: 0.46, tablet: 0.06, other: 0.01 }, subIds: 12 },
	comparison: /**/ { partnerShare: 0.08, weightMean: 1.0, conversionRate: 0.04, aovEur: 140, reversalRate: 0.045, returningShare: 0.25, commissionRate: 0.05, couponShare: 0, noClickShare: 0, devices: { desktop: 0.61, phone: 0.33, tablet: 0.05, other: 0.01 }, subIds: 0 },
	sub_network: /**/ { partnerShare: 0.11, weightMean: 0.7, conversionRate: 0.015, aovEur: 66, reversalRate: 0.1, returningShare: 0.25, commissionRate: 0.06, couponShare: 0.05, noClickShare: 0, devices: { desktop: 0.4, phone: 0.52, tablet: 0.06, other: 0.02 }, subIds: 300 }
};

/** Device multipliers on top of the channel: desktop buyers convert more and spend more. */
export const DEVICE_PROFILE: Readonly<Record<DeviceType, { readonly conversion: number; readonly aov: number }>> = {
	desktop: { conversion: 1.25, aov: 1.12 },
	phone: { conversion: 0.8, aov: 0.9 },
	tablet: { conversion: 1.05, aov: 1.02 },
	other: { conversion: 0.55, aov: 0.95 }
};

/**
 * The few big partners that carry most of the revenue: always present (partner numbers 1..9), joined long before
 * the data starts and never terminated. Weight is relative to a median long-tail partner (~1).
 */
export const ANCHOR_PARTNERS: readonly { readonly num: number; readonly name: string; readonly channel: Channel; readonly weight: number; readonly country: string }[] = [
	{ num: 1, name: 'Cashbackly', channel: 'cashback', weight: 50, country: 'DE' },
	{ num: 2, name: 'VoucherNest', channel: 'coupon', weight: 55, country: 'GB' },
	{ num: 3, name: 'The Gadget Review', channel: 'content', weight: 50, country: 'US' },
	{ num: 4, name: 'Sparfuchs Gutscheine', channel: 'coupon', weight: 35, country: 'DE' },
	{ num: 5, name: 'Home & Hearth Journal', channel: 'content', weight: 30, country: 'GB' },
	{ num: 6, name: 'RebateRoo', channel: 'cashback', weight: 25, country: 'FR' },
	{ num: 7, name: 'PriceScout', channel: 'comparison', weight: 22, country: 'DE' },
	{ num: 8, name: 'Bargain Bulletin', channel: 'email', weight: 15, country: 'NL' },
	// Not big, but fixed so that even a 20-partner dataset has every channel (sub_network comes with P0012).
	{ num: 9, name: 'Lena Loves Home', channel: 'influencer', weight: 10, country: 'DE' }
];

/** Long-tail partner weights are log-normal around the channel's weightMean with this sigma. */
export const PARTNER_WEIGHT_SIGMA = 1.1;
/** Partner-level quality spread (log-normal sigma) of conversion rate and order value. */
export const PARTNER_CONVERSION_SIGMA = 0.25;
export const PARTNER_AOV_SIGMA = 0.12;
/** Day-to-day noise of a partner's clicks (log-normal sigma). */
export const PARTNER_DAY_SIGMA = 0.25;

/**
 * Long-tail partner lifecycle: joined before the data starts (a share), terminated during it and paused at the end
 * (quotas of the long-tail partners, at least one each).
 */
export const PARTNER_LIFECYCLE = {
	joinedBeforeShare: 0.45,
	terminatedShare: 0.1,
	pausedShare: 0.05,
	/** Share of partners without a tier / manager. */
	untieredShare: 0.1,
	unmanagedShare: 0.15
} as const;

export const MANAGERS = ['Anna Schmidt', 'James Carter', 'Lea Martin', 'Tom Becker'] as const;

/** Name parts of long-tail partners, by channel: `<prefix> <suffix>`. */
export const PARTNER_NAME_PARTS: Readonly<Record<Channel, { readonly prefixes: readonly string[]; readonly suffixes: readonly string[] }>> = {
	content: { prefixes: ['Tech', 'Style', 'Outdoor', 'Family', 'Kitchen', 'Garden', 'Travel', 'Fitness', 'Urban', 'Budget', 'Smart', 'Green'], suffixes: ['Review', 'Guide', 'Journal', 'Insider', 'Digest', 'Blog', 'Magazine', 'Notes'] },
	coupon: { prefixes: ['Deal', 'Code', 'Voucher', 'Promo', 'Saving', 'Discount'], suffixes: ['Hub', 'Box', 'Spot', 'Finder', 'World', 'Club'] },
	cashback: { prefixes: ['Cash', 'Rebate', 'Bonus', 'Points', 'Reward'], suffixes: ['Back', 'Nest', 'Jar', 'Pocket', 'Club'] },
	influencer: { prefixes: ['Mia', 'Leo', 'Zoe', 'Finn', 'Ella', 'Noah', 'Lina', 'Max', 'Ivy', 'Ben'], suffixes: ['Lifestyle', 'Unboxed', 'Daily', 'Creates', 'Travels', 'Cooks', 'Styles'] },
	email: { prefixes: ['Weekly', 'Daily', 'Inbox', 'Morning'], suffixes: ['Deals', 'Letter', 'Picks', 'Brief'] },
	comparison: { prefixes: ['Price', 'Compare', 'Best', 'Test'], suffixes: ['Scout', 'Check', 'Radar', 'Winner'] },
	sub_network: { prefixes: ['Affili', 'Net', 'Ad', 'Link', 'Perf'], suffixes: ['Works', 'Media', 'Connect', 'Partners', 'Labs'] }
};

/** Country mixes: partners' home countries, and clicks that do not come from the partner's own country. */
export const PARTNER_COUNTRIES: Mix = { DE: 0.4, GB: 0.2, US: 0.15, FR: 0.1, NL: 0.08, ES: 0.07 };
export const CLICK_COUNTRIES: Mix = { DE: 0.34, GB: 0.18, US: 0.14, FR: 0.11, NL: 0.07, AT: 0.05, ES: 0.06, IT: 0.05 };
/** Share of a partner's clicks from its home country; the rest follow CLICK_COUNTRIES. */
export const HOME_COUNTRY_SHARE = 0.8;
/** Share of clicks exported without country. */
export const UNKNOWN_COUNTRY_SHARE = 0.01;

/** The shop sells in three currencies; a sale's currency follows the customer's country. */
export const BASE_CURRENCY = 'EUR';
export const COUNTRY_CURRENCY: Readonly<Record<string, string>> = { GB: 'GBP', US: 'USD' }; // all others EUR
/**
 * Daily FX: EUR per unit of currency (rate_to_base), a random walk in log space around the start rate.
 * Prices are set in local currency with the nominal rate, so order values do not move with the daily rate.
 */
export const FX_PROFILE: Readonly<Record<string, { readonly start: number; readonly dailySigma: number }>> = {
	USD: { start: 0.92, dailySigma: 0.004 },
	GBP: { start: 1.17, dailySigma: 0.003 }
};

/** Traffic at scale 1: clicks per day across all partners a year before the end date, before seasonality (about 3.3 million clicks over the default 730 days, so scale 30 is about 100 million). */
export const BASE_DAILY_CLICKS = 5300;
/** The program grows this much year over year; older days have proportionally less traffic. */
export const YEARLY_GROWTH = 0.3;

/** Weekly seasonality of clicks, Monday first: weekend browsing dips, Sunday evening shopping. */
export const WEEKDAY_MULTIPLIER = [1.0, 1.02, 1.0, 0.98, 0.92, 0.85, 1.06] as const;
/** Yearly seasonality of clicks by month, January first (the Black-Friday-to-Christmas peak is in EVENTS). */
export const MONTH_MULTIPLIER = [0.95, 0.85, 0.92, 0.94, 0.96, 0.94, 1.0, 0.9, 0.95, 1.0, 1.05, 1.0] as const;

/**
 * Retail events, keyed by a day offset from Black Friday or a December date. `clicks`, `conversion` and `aov`
 * multiply the baseline of that day.
 */
export const PEAK_EVENTS = {
	/** Black Friday week-before (BF-7..BF-1), Black Friday, the weekend, Cyber Monday, and the week after. */
	blackFriday: [
		{ from: -7, to: -1, clicks: 1.35, conversion: 1.1, aov: 1.03 },
		{ from: 0, to: 0, clicks: 2.6, conversion: 1.4, aov: 1.08 },
		{ from: 1, to: 2, clicks: 1.9, conversion: 1.3, aov: 1.06 },
		{ from: 3, to: 3, clicks: 2.3, conversion: 1.35, aov: 1.06 },
		{ from: 4, to: 10, clicks: 1.3, conversion: 1.1, aov: 1.04 }
	],
	/** Christmas shopping (December day ranges), the lull and Boxing Day. */
	december: [
		{ from: 1, to: 20, clicks: 1.35, conversion: 1.15, aov: 1.1 },
		{ from: 21, to: 23, clicks: 1.1, conversion: 1.05, aov: 1.05 },
		{ from: 24, to: 24, clicks: 0.7, conversion: 0.9, aov: 1.0 },
		{ from: 25, to: 25, clicks: 0.55, conversion: 0.85, aov: 1.0 },
		{ from: 26, to: 26, clicks: 1.25, conversion: 1.1, aov: 1.0 },
		{ from: 27, to: 31, clicks: 1.05, conversion: 1.0, aov: 0.98 }
	]
} as const;

/** Click share by hour of day (UTC), midnight first: lunch and evening peaks. */
export const HOUR_WEIGHTS = [1.2, 0.8, 0.5, 0.4, 0.4, 0.6, 1.2, 2.4, 3.6, 4.4, 4.8, 5.2, 5.8, 5.6, 5.0, 4.8, 4.9, 5.2, 5.9, 6.6, 7.0, 6.4, 4.6, 2.6] as const;

/** Click quality. */
export const CLICK_PROFILE = {
	/** Share of clicks flagged invalid by the network, and why. */
	invalidShare: 0.025,
	invalidReasons: { bot: 0.45, duplicate_click: 0.25, blocked_ip: 0.15, datacenter_ip: 0.1, test_click: 0.05 } as Mix,
	/** Share of valid clicks that are the first of their visitor in 24 h. */
	uniqueShare: 0.88,
	/** Share of clicks without creative, landing page, ip hash. */
	missingCreativeShare: 0.1,
	missingLandingPageShare: 0.02,
	missingIpShare: 0.03,
	creativesPerPartner: 6,
	productPages: 500,
	landingPages: { '/': 0.2, '/deals': 0.15, '/sale': 0.08, '/category/fashion': 0.08, '/category/electronics': 0.08, '/category/home': 0.06, '/category/shoes': 0.05, product: 0.3 } as Mix
} as const;

/** Time from click to sale (legitimate partners never convert in under 30 s). */
export const CLICK_TO_SALE = {
	minSeconds: 30,
	/** Same-session buyers: exponential with this mean (seconds), capped at 3 h. */
	sameSessionShare: 0.45,
	sameSessionMeanSeconds: 1200,
	/** Same-day buyers: 1 to 24 h. */
	sameDayShare: 0.35,
	/** The rest come back within the 30-day cookie window. */
	cookieWindowDays: 30
} as const;

/** Validation and payout. */
export const SALE_LIFECYCLE = {
	/** A sale is validated (approved or reversed) 30 to 60 days after conversion; until then it is pending. */
	validationMinDays: 30,
	validationMaxDays: 60,
	/** Approved sales are paid on this day of the month after validation. */
	payoutDayOfMonth: 15,
	reversalReasons: { returned: 0.55, cancelled: 0.28, fraud: 0.09, duplicate: 0.08 } as Mix,
	/** Network fee as a share of commission. */
	networkFeeShare: 0.3,
	/** Order values are log-normal with this sigma around the mean. */
	aovSigma: 0.55,
	minSaleEur: 5,
	/** Share of sales from returning customers is ramped in over this many months, while the pool fills. */
	returningRampMonths: 4,
	/** Returning customers are drawn with density k x^(k-1) over the pool in order of acquisition (x = 1 newest). */
	returningRecencyPower: 3,
	/** Welcome codes on new-customer sales of partners without their own codes. */
	welcomeCodeShare: 0.03
} as const;

/** Costs besides commission, in EUR at scale 1 (amounts grow with scale, like traffic). */
export const COST_PROFILE = {
	/** Monthly performance bonus for gold / silver partners: chance per month, EUR per unit of partner weight. */
	bonus: { goldChance: 0.6, silverChance: 0.25, eurPerWeight: 30 },
	/** Weekly placement fees (Mon-Sun) for content, coupon and cashback partners with weight >= minWeight. */
	placementFee: { minWeight: 3, chance: 0.12, peakChance: 0.6, eurPerWeight: 20 },
	/** Monthly tenancy for the biggest content and comparison partners (weight >= minWeight). */
	tenancy: { minWeight: 15, eurPerWeight: 25 },
	/** Program-level monthly fees (partner_id NULL): fixed part plus a part growing with scale. */
	platformFee: { currency: 'USD', fixed: 1500, perScale: 3000 },
	agencyFee: { currency: 'GBP', fixed: 2500, perScale: 2000 },
	/** Channel-level "other" costs (partner_id NULL, channel set): influencer product seeding. */
	other: { channel: 'influencer' as Channel, chance: 0.5, fixed: 400, perScale: 1200 }
} as const;
