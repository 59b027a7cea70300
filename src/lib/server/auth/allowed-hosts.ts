/**
 * The Host check against DNS rebinding: a page on an attacker's domain that re-points its name at this server
 * still sends its own name as Host, so only configured names are answered. Pure; called by the API middleware
 * and the page hook. `PARTNERSCOPE_ALLOWED_HOSTS` adds names (or `*` turns the check off, for a proxy that
 * already checks).
 */
import { hostname } from 'node:os';

export type AllowedHosts = readonly string[] | '*';

/** What a server answers for when nothing else is configured (tests, in-process use). */
export const LOCAL_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '::1'];

/** localhost in its spellings, this machine's name and the address the server is bound to (when specific). */
export function defaultAllowedHosts(boundHost: string): string[] {
	const hosts = ['localhost', '127.0.0.1', '::1', hostname().toLowerCase()];
	const bound = boundHost.replace(/^\[|\]$/g, '').toLowerCase();
	if (bound && bound !== '0.0.0.0' && bound !== '::') hosts.push(bound);
	return [...new Set(hosts)];
}

/** `stats.example.com, 10.0.0.5` -> names; `*` -> '*'. */
export function parseAllowedHosts(raw: string | undefined, boundHost: string): AllowedHosts {
	if (raw?.trim() === '*') return '*';
	const extra = (raw ?? '')
		.split(',')
		.map((h) => h.trim().toLowerCase().replace(/^\[|\]$/g, ''))
		.filter(Boolean);
	return [...new Set([...defaultAllowedHosts(boundHost), ...extra])];
}

/** Whether a URL's hostname (WHATWG form: IPv6 in brackets) is one this server answers for. */
export function hostAllowed(urlHostname: string, allowed: AllowedHosts): boolean {
	if (allowed === '*') return true;
	const name = urlHostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
	return allowed.includes(name);
}
