/**
 * The one escaping helper for text that reaches HTML outside Svelte's own escaping: ECharts tooltip, label and
 * legend formatters return HTML strings, so every custom formatter passes data text (partner names, cost types,
 * channels, anything from an export) through `escapeHtml` before it concatenates markup.
 */
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/**
 * Escapes the five HTML-significant characters (and the backtick) of any value's string form.
 * @example escapeHtml('<img src=x onerror=alert(1)>') // '&lt;img src=x onerror=alert(1)&gt;'
 */
export function escapeHtml(value: unknown): string {
	return String(value ?? '').replace(/[&<>"'`]/g, (c) => ENTITIES[c]!);
}
