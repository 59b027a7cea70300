/**
 * The workspace's calls to /api/v1/models: JSON in and out, problem+json errors as WorkspaceError carrying
 * the whole problem (a 409 carries the conflicting file and its diff), plus the shapes the pages read.
 */
import { sendJson } from '$lib/ui/api-client';
import type { DiffLine } from '$lib/ui/SideBySideDiff.svelte';

export class WorkspaceError extends Error {
	override name = 'WorkspaceError';
	constructor(
		readonly status: number,
		message: string,
		readonly problem: Record<string, unknown>
	) {
		super(message);
	}
}

export async function callJson<T>(method: string, path: string, body?: unknown): Promise<T> {
	// Reads are plain GETs; anything that changes state carries JSON and the CSRF token (sendJson).
	const response =
		method === 'GET' ? await fetch(path, { headers: { accept: 'application/json' } }) : await sendJson(method as 'POST' | 'PUT' | 'DELETE', path, body ?? {});
	const answer = (await response.json().catch(() => null)) as Record<string, unknown> | null;
	if (!response.ok) throw new WorkspaceError(response.status, String(answer?.detail ?? answer?.title ?? `HTTP ${response.status}`), answer ?? {});
	return answer as T;
}

export interface ModelListing {
	name: string;
	kind: string;
	path: string | null;
	owner: string | null;
	description: string | null;
	grain: string[];
	tests: string[];
	parents: string[];
	children: string[];
	published: { version: string; rows: number | null; builtAt: string } | null;
	inProject: boolean;
	problem: string | null;
}

export interface ModelVersion {
	version: string;
	builtAt: string;
	rows: number | null;
	available: boolean;
	publishes: number[];
	current: boolean;
}

export interface PublishEntry {
	publishId: number;
	publishedAt: string;
	author: string;
	message: string;
	kind: string;
	rollbackOf: number | null;
	current: boolean;
	restorable: boolean;
	modelCount: number;
	changes: { name: string; change: string }[] | unknown;
}

export interface ModelFile {
	name: string;
	path: string;
	text: string;
	hash: string;
}

export interface FileConflict {
	name: string;
	path: string | null;
	currentHash: string | null;
	currentText: string | null;
	diff: string;
	lines: DiffLine[];
}

export interface CheckResult {
	ok: boolean;
	diagnostics: { line: number; column: number; message: string; stage: string }[];
	reads: string[];
	columns: { name: string; type: string }[];
}

export interface PreviewResult {
	columns: { name: string; type: string }[];
	rows: Record<string, unknown>[];
	truncated: boolean;
	limit: number;
	ms: number;
}

export interface TestResult {
	name: string;
	status: 'pass' | 'fail' | 'error';
	failingRows: number;
	detail?: string;
}

export interface ColumnDiff {
	column: string;
	before: number | null;
	after: number | null;
	changedKeys: number | null;
	top: { key: (string | null)[]; before: number | null; after: number | null }[];
}

export interface DataDiff {
	name: string;
	change: string;
	grain: string[];
	rowsBefore: number;
	rowsAfter: number;
	keysAdded: number | null;
	keysRemoved: number | null;
	keysChanged: number | null;
	columns: ColumnDiff[];
	columnsAdded: string[];
	columnsRemoved: string[];
}

export interface BuildResult {
	mode: 'plan' | 'build';
	status: 'published' | 'up_to_date' | 'failed' | 'planned';
	publishId: number | null;
	plan: { nodes: { name: string; kind: string; change: string; because: string[] }[]; removed: string[] };
	nodes: { name: string; kind: string; change: string; status: string; rows: number | null; error?: string; tests: TestResult[] }[];
	dataTests: TestResult[];
	dataDiffs: DataDiff[];
	dataDiffErrors: { name: string; error: string }[];
	problems: string[];
}

export interface DraftPlan extends BuildResult {
	impact: { metrics: { key: string; label: string; because: string }[]; pages: { href: string; label: string; because: string[] }[] };
}
