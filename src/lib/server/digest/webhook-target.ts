/**
 * Which hosts a webhook may post to. Webhook URLs are typed in by users, so the server must not become their
 * proxy into its own network (SSRF): loopback, link-local (169.254.x, the cloud metadata service), private,
 * carrier-grade NAT, multicast and reserved ranges are refused, for IPv4, IPv6 and IPv4 inside IPv6, unless
 * an admin lists the host or range in PARTNERSCOPE_WEBHOOK_ALLOW_PRIVATE. Checked when a subscription is made
 * (`checkWebhookUrl`) and again at every connection (`guardedLookup`, so a name that resolves elsewhere later,
 * DNS rebinding, is refused too). Used by the digest routes, the CLI and postWebhook.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { ValidationError } from '../errors.ts';

/** Hosts and ranges an admin allows despite being private; '*' allows every private target. */
export type WebhookAllowList = readonly string[] | '*';

const BLOCKED: readonly (readonly [string, number, 'ipv4' | 'ipv6'])[] = [
	['0.0.0.0', 8, 'ipv4'],
	['10.0.0.0', 8, 'ipv4'],
	['100.64.0.0', 10, 'ipv4'],
	['127.0.0.0', 8, 'ipv4'],
	['169.254.0.0', 16, 'ipv4'],
	['172.16.0.0', 12, 'ipv4'],
	['192.0.0.0', 24, 'ipv4'],
	['192.0.2.0', 24, 'ipv4'],
	['192.168.0.0', 16, 'ipv4'],
	['198.18.0.0', 15, 'ipv4'],
	['198.51.100.0', 24, 'ipv4'],
	['203.0.113.0', 24, 'ipv4'],
	['224.0.0.0', 4, 'ipv4'],
	['240.0.0.0', 4, 'ipv4'],
	['::', 128, 'ipv6'],
	['::1', 128, 'ipv6'],
	['fc00::', 7, 'ipv6'],
	['fe80::', 10, 'ipv6'],
	['fec0::', 10, 'ipv6'],
	['ff00::', 8, 'ipv6'],
	['2001:db8::', 32, 'ipv6']
];

const blocked = new BlockList();
for (const [network, prefix, family] of BLOCKED) blocked.addSubnet(network, prefix, family);

/** The IPv4 address carried inside an IPv6 one (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16), if any. */
function embeddedIpv4(address: string): string | null {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped) return mapped[1]!;
	const groups = expandIpv6(address);
	if (!groups) return null;
	const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
	if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return v4(groups[6]!, groups[7]!);
	if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) return v4(groups[6]!, groups[7]!);
	if (groups[0] === 0x2002) return v4(groups[1]!, groups[2]!);
	return null;
}

function expandIpv6(address: string): number[] | null {
	if (isIP(address) !== 6) return null;
	let text = address.toLowerCase();
	const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
	if (dotted) {
		const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
		text = text.slice(0, -dotted[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
	}
	const [head, tail] = text.split('::') as [string, string | undefined];
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
	const groups = [...left, ...fill, ...right].map((g) => parseInt(g, 16));
	return groups.length === 8 && groups.every((g) => Number.isInteger(g)) ? groups : null;
}

/** Whether an IP address is loopback, link-local, private or otherwise not a public internet host. */
export function isPrivateAddress(address: string): boolean {
	const family = isIP(address);
	if (family === 0) return true; // not an address at all: never connect to it
	if (family === 4) return blocked.check(address, 'ipv4');
	const inner = embeddedIpv4(address);
	if (inner !== null) return blocked.check(inner, 'ipv4');
	return blocked.check(address, 'ipv6');
}

/** PARTNERSCOPE_WEBHOOK_ALLOW_PRIVATE: a comma list of host names and CIDR ranges, or '*'. */
export function parseWebhookAllowList(raw: string | undefined): WebhookAllowList {
	if (!raw || !raw.trim()) return [];
	if (raw.trim() === '*') return '*';
	return raw
		.split(',')
		.map((s) => s.trim().toLowerCase())
		.filter(Boolean);
}

function allowedByList(host: string, address: string, allow: WebhookAllowList): boolean {
	if (allow === '*') return true;
	const name = host.toLowerCase().replace(/^\[|\]$/g, '');
	for (const entry of allow) {
		if (entry === name || entry === address) return true;
		const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
		if (!cidr) continue;
		const family = isIP(cidr[1]!);
		if (family === 0 || isIP(address) !== family) continue;
		const list = new BlockList();
		list.addSubnet(cidr[1]!, Number(cidr[2]), family === 4 ? 'ipv4' : 'ipv6');
		if (list.check(address, family === 4 ? 'ipv4' : 'ipv6')) return true;
	}
	return false;
}

/** Why a host at an address may not be posted to, or null when it may. */
export function refusalFor(host: string, address: string, allow: WebhookAllowList): string | null {
	if (!isPrivateAddress(address) || allowedByList(host, address, allow)) return null;
	const shown = host === address ? address : `${host} (${address})`;
	return `webhook host ${shown} is a loopback, link-local or private address; the server does not post into its own network unless an admin lists the host in PARTNERSCOPE_WEBHOOK_ALLOW_PRIVATE`;
}

const resolveAll = (host: string) =>
	new Promise<LookupAddress[]>((resolve, reject) => dnsLookup(host, { all: true, verbatim: true } satisfies LookupAllOptions, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/** Refuses (ValidationError naming `webhook`) a URL whose host is or resolves to a refused address. */
export async function checkWebhookUrl(raw: string, allow: WebhookAllowList): Promise<void> {
	const url = new URL(raw);
	const host = url.hostname.replace(/^\[|\]$/g, '');
	let addresses: string[];
	try {
		addresses = isIP(host) ? [host] : (await resolveAll(host)).map((a) => a.address);
	} catch {
		throw new ValidationError(`webhook host ${host.slice(0, 200)} does not resolve`, { parameter: 'webhook' });
	}
	for (const address of addresses) {
		const why = refusalFor(host, address, allow);
		if (why) throw new ValidationError(why, { parameter: 'webhook' });
	}
}

/** A dns.lookup for http.request that refuses a refused address at connection time (DNS rebinding). */
export function guardedLookup(allow: WebhookAllowList): LookupFunction {
	return (hostname, options, callback) => {
		dnsLookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
			if (error) return callback(error, '', 4);
			const list = addresses as LookupAddress[];
			for (const a of list) {
				const why = refusalFor(hostname, a.address, allow);
				if (why) return callback(Object.assign(new Error(why), { code: 'EWEBHOOKREFUSED' }), '', 4);
			}
			if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
			return callback(null, list[0]!.address, list[0]!.family);
		});
	};
}
