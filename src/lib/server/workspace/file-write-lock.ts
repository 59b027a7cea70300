/**
 * Runs model-file writes of one process one after another, so the check "the file still has the hash the
 * editor opened" and the write that follows it cannot interleave with another save.
 */
export class FileWriteLock {
	#tail: Promise<unknown> = Promise.resolve();

	run<T>(work: () => Promise<T>): Promise<T> {
		const result = this.#tail.then(work, work);
		this.#tail = result.catch(() => undefined);
		return result;
	}
}
