/** Who runs the CLI, recorded as the author of a publish (PARTNERSCOPE_AUTHOR wins). */
import { userInfo } from 'node:os';

export function currentUser(): string {
	try {
		return process.env.PARTNERSCOPE_AUTHOR ?? userInfo().username;
	} catch {
		return 'unknown';
	}
}
