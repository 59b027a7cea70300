import { describe, expect, it } from 'vitest';
import { wantsProblem } from './problem-for-errors.ts';

const answer = (status: number, type: string | null) => new Response('x', { status, headers: type ? { 'content-type': type } : {} });

describe('wantsProblem', () => {
	it.each([
		['/api/v1/x', null, 404, 'text/html', true],
		['/api/v1/health', null, 503, 'application/json', false],
		['/api/v1/x', null, 400, 'application/problem+json', false],
		['/partners', 'text/html', 404, 'text/html', false],
		['/partners', 'application/json', 404, 'text/html', true],
		['/api/v1/x', null, 200, 'text/html', false]
	] as const)('%s (accept %s) answering %i %s: %s', (path, accept, status, type, expected) => {
		expect(wantsProblem(path, accept, answer(status, type))).toBe(expected);
	});
});
