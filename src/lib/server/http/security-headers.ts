/**
 * Headers every page and API answer carries, set by the handle hook. The Content-Security-Policy itself comes
 * from `kit.csp` in svelte.config.js (nonces for SvelteKit's own inline script); these add what a meta tag
 * cannot express or what is not CSP.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'referrer-policy': 'no-referrer',
	'cross-origin-opener-policy': 'same-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=()'
};

/** The CSP for answers SvelteKit does not render (API JSON, errors): nothing may run or frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function withSecurityHeaders(response: Response, isPage: boolean): Response {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!response.headers.has(name)) response.headers.set(name, value);
	if (!isPage && !response.headers.has('content-security-policy')) response.headers.set('content-security-policy', API_CSP);
	return response;
}
