#!/usr/bin/env node
// Adds the platform-specific optional packages (rollup, DuckDB and esbuild binaries for other systems) that
// npm 11 leaves out of package-lock.json on this machine, while its own `npm ci` insists they are listed
// (npm/cli#4828). Run it after changing dependencies: `node .ci/complete-lockfile.mjs`; then `npm ci` works
// here and elsewhere. Each added entry carries the package's os/cpu/libc, so npm installs only the one that
// matches the machine.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const packages = lock.packages;

/**
 * The package's platform fields from the registry; when the registry does not carry it (the registry this
 * machine reaches holds only the binaries for its own platform), the platform is read from the name, as
 * these packages are named after it (e.g. @rollup/rollup-darwin-arm64, @esbuild/win32-x64).
 */
function view(name, version) {
	try {
		const out = execFileSync('npm', ['view', `${name}@${version}`, '--json', 'version', 'os', 'cpu', 'libc', 'license', 'engines', 'dist.integrity'], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore']
		});
		const data = JSON.parse(out);
		return Array.isArray(data) ? data.at(-1) : data;
	} catch {
		return { version, ...platformFromName(name) };
	}
}

const OSES = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'netbsd', 'sunos', 'win32', 'aix', 'cygwin'];
const CPUS = ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'mips64el', 'ppc64', 'riscv64', 's390x', 'wasm32'];

function platformFromName(name) {
	const parts = name.split('/').pop().split('-');
	const os = parts.find((p) => OSES.includes(p));
	const cpu = parts.find((p) => CPUS.includes(p));
	const record = {};
	if (os) record.os = [os === 'openharmony' ? 'openharmony' : os];
	if (cpu) record.cpu = [cpu];
	if (parts.includes('musl') || parts.includes('musleabihf')) record.libc = ['musl'];
	else if (os === 'linux' && (parts.includes('gnu') || parts.includes('gnueabihf') || parts.includes('glibc'))) record.libc = ['glibc'];
	return record;
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
	for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
		const hoisted = `node_modules/${name}`;
		const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
		if (packages[hoisted] || packages[nested]) continue;
		const info = view(name, range);
		const record = { version: info.version };
		if (info['dist.integrity']) record.integrity = info['dist.integrity'];
		for (const key of ['cpu', 'libc', 'license', 'os', 'engines']) if (info[key] !== undefined) record[key] = info[key];
		if (entry.dev) record.dev = true;
		record.optional = true;
		packages[hoisted] = record;
		added++;
		console.log(`added ${hoisted}@${info.version}`);
	}
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`${added} optional platform packages added to package-lock.json`);
