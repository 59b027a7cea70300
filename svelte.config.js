import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// There are no form actions; every state change goes to /api/v1, whose one authorization middleware
		// refuses a foreign Origin or cross-site fetch metadata, a missing CSRF header and any body that is
		// not JSON (415) with problem+json. SvelteKit's own origin check would answer first, in plain text.
		csrf: { trustedOrigins: ['*'] },
		// No inline script runs but SvelteKit's own (nonce); nothing frames the pages. Styles stay inline-able
		// because Svelte and ECharts set style attributes; scripts are what an injection would need.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};
