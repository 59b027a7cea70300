/**
 * The model operations as one interface with JSON-safe answers. The Warehouse implements it in-process; the
 * CLI implements it over HTTP when a running server holds the warehouse file. The API routes and the CLI
 * both call it, so they say the same things.
 */
import type { RetentionOutcome } from './apply-retention.ts';
import type { ModelDescription } from './describe-model.ts';
import type { ModelDiff } from './diff-model-versions.ts';
import type { ModelListing } from './list-models.ts';
import type { PreviewResult } from './preview-select.ts';
import type { PublishLogEntry } from './read-publish-log.ts';
import type { RollbackResult } from './rollback-publish.ts';
import type { BuildResult } from './run-build.ts';

export interface ChangeRecord {
	readonly author?: string;
	readonly message?: string;
	/** Build: rebuild every incremental model from scratch (`partnerscope build --full`). */
	readonly full?: boolean;
}

export interface RollbackOutcome extends RollbackResult {
	readonly retention: RetentionOutcome | null;
}

export interface ModelOperations {
	listModels(): Promise<{ readonly publishId: number | null; readonly models: readonly ModelListing[] }>;
	describeModel(name: string): Promise<ModelDescription>;
	/** Builds and tests the candidates and diffs their data; publishes nothing. */
	plan(record?: ChangeRecord): Promise<BuildResult>;
	/** Plan, then publish when everything passed. */
	build(record?: ChangeRecord): Promise<BuildResult>;
	log(options?: { readonly limit?: number }): Promise<PublishLogEntry[]>;
	diff(name: string, from?: number, to?: number): Promise<ModelDiff>;
	rollback(publishId: number, record?: ChangeRecord): Promise<RollbackOutcome>;
	preview(sql: string, limit: number, caller?: string): Promise<PreviewResult>;
}
