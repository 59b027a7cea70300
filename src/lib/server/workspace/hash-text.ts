/**
 * The fingerprint of a file's text that the editor sends back on save: a mismatch means someone changed the
 * file since it was opened. Pure.
 * @example hashText('select 1') // 64 hex characters
 */
import { createHash } from 'node:crypto';

export function hashText(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}
