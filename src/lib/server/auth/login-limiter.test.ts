import { describe, expect, it } from 'vitest';
import { LoginLimiter, MAX_PER_ADDRESS, MAX_PER_USER, WINDOW_MS } from './login-limiter.ts';

describe('LoginLimiter', () => {
	it(`refuses a user name after ${MAX_PER_USER} failures until the oldest leaves the window`, () => {
		let now = 1_000_000;
		const limiter = new LoginLimiter({ now: () => now });
		for (let i = 0; i < MAX_PER_USER; i++) {
			expect(limiter.retryAfter('ann', `10.0.0.${i}`)).toBe(0);
			limiter.fail('ann', `10.0.0.${i}`);
			now += 1000;
		}
		expect(limiter.retryAfter('ANN', '10.9.9.9')).toBe(Math.ceil((WINDOW_MS - MAX_PER_USER * 1000) / 1000));
		expect(limiter.retryAfter('bob', '10.9.9.9')).toBe(0);
		now += WINDOW_MS;
		expect(limiter.retryAfter('ann', '10.9.9.9')).toBe(0);
	});

	it(`refuses an address after ${MAX_PER_ADDRESS} failures over any names`, () => {
		const limiter = new LoginLimiter({ now: () => 5_000 });
		for (let i = 0; i < MAX_PER_ADDRESS; i++) limiter.fail(`user${i}`, '203.0.113.9');
		expect(limiter.retryAfter('someone-new', '203.0.113.9')).toBeGreaterThan(0);
		expect(limiter.retryAfter('someone-new', '203.0.113.10')).toBe(0);
	});

	it('a success clears the name but not the address', () => {
		const limiter = new LoginLimiter({ now: () => 5_000 });
		for (let i = 0; i < MAX_PER_USER - 1; i++) limiter.fail('ann', 'a');
		limiter.succeed('ann');
		limiter.fail('ann', 'a');
		expect(limiter.retryAfter('ann', 'b')).toBe(0);
	});
});
