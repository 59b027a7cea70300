/**
 * A password for `users add` and `users reset-password`: read from stdin when it is piped (first line), or
 * generated and printed once when stdin is a terminal or empty.
 */
import { generatePassword } from '../lib/server/auth/password-hash.ts';

async function readStdin(): Promise<string> {
	let text = '';
	for await (const chunk of process.stdin) text += chunk;
	return text;
}

export async function passwordFromStdinOrGenerated(): Promise<{ password: string; generated: boolean }> {
	if (!process.stdin.isTTY) {
		const line = (await readStdin()).split(/\r?\n/)[0] ?? '';
		if (line.length > 0) return { password: line, generated: false };
	}
	return { password: generatePassword(), generated: true };
}
