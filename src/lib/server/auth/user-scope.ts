/**
 * A user's scope: the channels, partners and partner managers (the partners export's `manager` column) whose
 * numbers they may see. An empty list leaves that axis unrestricted; several axes all apply (intersection).
 * Parsed from the CLI's `--scope channel=a,b` options and stored with the user.
 */
import { CHANNELS } from '../exports/export-schema.ts';

export type UserScope = { channels: readonly string[]; partners: readonly string[]; managers: readonly string[] };

export const UNRESTRICTED: UserScope = Object.freeze({ channels: [], partners: [], managers: [] });

export function isRestricted(scope: UserScope): boolean {
	return scope.channels.length > 0 || scope.partners.length > 0 || scope.managers.length > 0;
}

const AXES = { channel: 'channels', partner: 'partners', manager: 'managers' } as const;

export class ScopeError extends Error {
	override name = 'ScopeError';
}

/**
 * `["channel=content,coupon", "manager=Jane Roe"]` -> a scope. Managers are names and may contain commas only
 * when given one per option; partners and channels are comma lists. Unknown axes and channels are refused.
 */
export function parseScope(options: readonly string[]): UserScope {
	const scope = { channels: [] as string[], partners: [] as string[], managers: [] as string[] };
	for (const option of options) {
		const eq = option.indexOf('=');
		const axis = eq === -1 ? '' : option.slice(0, eq).trim();
		if (!(axis in AXES)) throw new ScopeError(`--scope takes channel=a,b, partner=ID,.. or manager=NAME, saw "${option}"`);
		const raw = option.slice(eq + 1);
		const values = (axis === 'manager' ? [raw] : raw.split(',')).map((v) => v.trim()).filter(Boolean);
		if (values.length === 0) throw new ScopeError(`--scope ${axis}= needs at least one value`);
		for (const v of values) {
			if (v.length > 200 || /[\u0000-\u001f]/.test(v)) throw new ScopeError(`--scope ${axis} value "${v.slice(0, 40)}" is too long or has control characters`);
			if (axis === 'channel' && !(CHANNELS as readonly string[]).includes(v)) throw new ScopeError(`--scope channel must be one of ${CHANNELS.join(', ')}, saw "${v}"`);
		}
		const list = scope[AXES[axis as keyof typeof AXES]];
		for (const v of values) if (!list.includes(v)) list.push(v);
	}
	return scope;
}

/** Plain words for listings: "channel content; manager Jane Roe" or "everything". */
export function describeScope(scope: UserScope): string {
	const parts = [
		scope.channels.length ? `channel ${scope.channels.join(',')}` : '',
		scope.partners.length ? `partner ${scope.partners.join(',')}` : '',
		scope.managers.length ? `manager ${scope.managers.join(' | ')}` : ''
	].filter(Boolean);
	return parts.length ? parts.join('; ') : 'everything';
}
