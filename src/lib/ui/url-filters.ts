/**
 * The global filters as they live in the page URL (same names as the API), so a link reproduces the view.
 * Pure helpers: read them from a URL, and make the URL for a change.
 */

export const FILTER_KEYS = ['from', 'to', 'compare', 'channel', 'partner', 'tier', 'country', 'device'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** The filter parameters of a page URL, ready to forward to the API. */
export function filterParams(url: URL): URLSearchParams {
	const out = new URLSearchParams();
	for (const key of FILTER_KEYS) {
		const value = url.searchParams.get(key);
		if (value) out.set(key, value);
	}
	return out;
}

/** The URL with some filters set (empty string or null removes one). */
export function withFilters(url: URL, changes: Partial<Record<FilterKey, string | null>>): string {
	const next = new URL(url);
	for (const [key, value] of Object.entries(changes)) {
		if (value === null || value === undefined || value === '') next.searchParams.delete(key);
		else next.searchParams.set(key, value);
	}
	return `${next.pathname}${next.search}`;
}

/** Adds a value to a comma list filter (drill-down by clicking), or removes it when already there. */
export function toggleListValue(current: string | null, value: string): string | null {
	const values = (current ?? '').split(',').filter(Boolean);
	const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
	return next.length ? next.join(',') : null;
}
