import { describe, expect, it } from 'vitest';
import { theta } from './theta.ts';

describe('theta', () => {
	it('matches a hand calculation with a fixed SES weight', () => {
		// y = 1, 3, 2, 4 on t = 0..3: regression line 1.3 + 0.8 t (mean t 1.5, mean y 2.5, Sty 4, Stt 5).
		// Theta-2 line z = 2y - line = 0.7, 3.9, 1.1, 4.3. SES(alpha 0.5, level0 0.7) on z: levels 0.7, 2.3,
		// 1.7, 3.0 (one-step predictions 0.7, 0.7, 2.3, 1.7). Forecast = (line(n - 1 + h) + 3.0) / 2:
		// h1 (4.5 + 3) / 2 = 3.75, h2 (5.3 + 3) / 2 = 4.15. Fitted: 1.0, 1.4, 2.6, 2.7 -> SSE 0 + 2.56 + 0.36 + 1.69.
		const fit = theta([1, 3, 2, 4], { horizon: 2, alpha: 0.5, level0: 0.7 });
		expect(fit.params.slope).toBeCloseTo(0.8, 12);
		expect(fit.params.intercept).toBeCloseTo(1.3, 12);
		fit.fitted.forEach((f, i) => expect(f).toBeCloseTo([1.0, 1.4, 2.6, 2.7][i]!, 12));
		expect(fit.forecast[0]).toBeCloseTo(3.75, 12);
		expect(fit.forecast[1]).toBeCloseTo(4.15, 12);
		expect(fit.sse).toBeCloseTo(4.61, 12);
	});

	it('follows a trend with half the drift of the fitted line plus the smoothed level', () => {
		const y = Array.from({ length: 30 }, (_, t) => 10 + t + (t % 2 ? 1 : -1));
		const fit = theta(y, { horizon: 6 });
		expect(fit.forecast[5]! - fit.forecast[0]!).toBeCloseTo(5 * 0.5 * fit.params.slope!, 6);
	});
});
