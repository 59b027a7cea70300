/** Pulls every `--name value` / `--name=value` of a repeatable option out of argv (parseArgs keeps one value per name). */
import { UsageError } from './args.ts';

export function takeRepeated(argv: readonly string[], name: string): { values: string[]; rest: string[] } {
	const values: string[] = [];
	const rest: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === `--${name}`) {
			const value = argv[++i];
			if (value === undefined) throw new UsageError(`--${name} needs a value`);
			values.push(value);
		} else if (arg.startsWith(`--${name}=`)) values.push(arg.slice(name.length + 3));
		else rest.push(arg);
	}
	return { values, rest };
}
