import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html.ts';

describe('escapeHtml', () => {
	it.each([
		['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
		['"quoted" & \'single\'', '&quot;quoted&quot; &amp; &#39;single&#39;'],
		['`tick`', '&#96;tick&#96;'],
		['plain', 'plain'],
		[null, ''],
		[42, '42']
	])('escapes %j', (input, expected) => {
		expect(escapeHtml(input)).toBe(expected);
	});
});
