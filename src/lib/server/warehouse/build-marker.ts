/**
 * A build in progress leaves `<warehouse>.build.json` beside the warehouse (build id, start, PID) and removes it
 * when it ends, however it ends. A marker found when the warehouse is opened means a build was killed (SIGKILL,
 * power loss): the warehouse records it as an interrupted build, so health says so after the restart.
 * Used by Warehouse.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

export interface BuildMarker {
	readonly buildId: string;
	readonly startedAt: string;
	readonly pid: number;
}

export const markerPath = (warehousePath: string) => `${warehousePath}.build.json`;

export function writeBuildMarker(warehousePath: string, marker: BuildMarker): void {
	if (warehousePath === ':memory:') return;
	writeFileSync(markerPath(warehousePath), JSON.stringify(marker));
}

export function removeBuildMarker(warehousePath: string): void {
	rmSync(markerPath(warehousePath), { force: true });
}

/** The marker a killed build left, or null; an unreadable marker still counts (its build was killed too). */
export function readBuildMarker(warehousePath: string): BuildMarker | null {
	const file = markerPath(warehousePath);
	if (!existsSync(file)) return null;
	try {
		const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<BuildMarker>;
		return { buildId: String(parsed.buildId ?? 'unknown'), startedAt: String(parsed.startedAt ?? new Date(0).toISOString()), pid: Number(parsed.pid ?? 0) };
	} catch {
		return { buildId: 'unknown', startedAt: new Date(0).toISOString(), pid: 0 };
	}
}
