/**
 * Who a digest or alert is for and what they may see (pure). Shaped like the sign-in work's scope (branch auth)
 * so the integrator can swap in its type: each axis lists what is allowed, and an empty list leaves it open.
 */
import { ValidationError } from '../errors.ts';

export type UserScope = { readonly channels: readonly string[]; readonly partners: readonly string[]; readonly managers: readonly string[] };

export interface Recipient {
	readonly user: string;
	readonly email?: string;
	readonly scope: UserScope;
}

export const UNRESTRICTED: UserScope = { channels: [], partners: [], managers: [] };

const AXES = { channel: 'channels', partner: 'partners', manager: 'managers' } as const;

/**
 * Reads `--scope` values like the auth CLI's: `channel=a,b`, `manager=NAME`, `partner=ID,..` (repeatable; the
 * lists of one axis add up).
 *
 * @example
 * parseScope(['channel=coupon,content', 'manager=Anna Schmidt']);
 * // => { channels: ['coupon', 'content'], partners: [], managers: ['Anna Schmidt'] }
 */
export function parseScope(values: readonly string[]): UserScope {
	const out = { channels: new Set<string>(), partners: new Set<string>(), managers: new Set<string>() };
	for (const raw of values) {
		const eq = raw.indexOf('=');
		const axis = AXES[raw.slice(0, eq).trim() as keyof typeof AXES];
		if (eq < 1 || !axis) throw new ValidationError(`scope must look like channel=a,b, manager=NAME or partner=ID,..; saw "${raw}"`, { parameter: 'scope' });
		// A manager's name may hold a comma-free phrase with spaces; ids and channels are comma lists.
		const items = axis === 'managers' ? [raw.slice(eq + 1).trim()] : raw.slice(eq + 1).split(',').map((v) => v.trim());
		for (const item of items) {
			if (!item || item.length > 200 || /[\u0000-\u001f]/.test(item)) throw new ValidationError(`scope ${raw.slice(0, eq)} needs a value of 1 to 200 printable characters; saw "${raw}"`, { parameter: 'scope' });
			out[axis].add(item);
		}
	}
	return { channels: [...out.channels], partners: [...out.partners], managers: [...out.managers] };
}

/** The scope as `--scope` values again (for listings). */
export function formatScope(scope: UserScope): string {
	const parts = [
		scope.channels.length ? `channel=${scope.channels.join(',')}` : null,
		scope.partners.length ? `partner=${scope.partners.join(',')}` : null,
		...scope.managers.map((m) => `manager=${m}`)
	].filter(Boolean);
	return parts.length ? parts.join(' ') : 'everything';
}

export function isUnrestricted(scope: UserScope): boolean {
	return !scope.channels.length && !scope.partners.length && !scope.managers.length;
}

/** Whether a partner lies inside the scope: every restricted axis must admit it. */
export function partnerInScope(partner: { readonly partner_id: string; readonly channel: string; readonly manager: string | null }, scope: UserScope): boolean {
	if (scope.channels.length && !scope.channels.includes(partner.channel)) return false;
	if (scope.partners.length && !scope.partners.includes(partner.partner_id)) return false;
	if (scope.managers.length && !(partner.manager !== null && scope.managers.includes(partner.manager))) return false;
	return true;
}
