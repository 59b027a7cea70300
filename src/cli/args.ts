/** Small, strict option parser shared by the CLI commands: `--name value`, `--name=value` and boolean flags. */

export class UsageError extends Error {
	override name = 'UsageError';
}

export interface OptionSpec {
	readonly [name: string]: 'string' | 'boolean';
}

export type ParsedOptions<S extends OptionSpec> = {
	[K in keyof S]?: S[K] extends 'boolean' ? boolean : string;
} & { _: string[] };

export function parseArgs<S extends OptionSpec>(argv: readonly string[], spec: S): ParsedOptions<S> {
	const out: Record<string, unknown> = { _: [] as string[] };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (!arg.startsWith('--')) {
			(out._ as string[]).push(arg);
			continue;
		}
		const eq = arg.indexOf('=');
		const name = arg.slice(2, eq === -1 ? undefined : eq);
		const kind = spec[name];
		if (!kind) throw new UsageError(`unknown option --${name}; expected one of ${Object.keys(spec).map((k) => `--${k}`).join(', ')}`);
		if (kind === 'boolean') {
			if (eq !== -1) throw new UsageError(`--${name} is a flag and takes no value`);
			out[name] = true;
			continue;
		}
		const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
		if (value === undefined || (eq === -1 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
		out[name] = value;
	}
	return out as ParsedOptions<S>;
}
