import { describe, expect, it } from 'vitest';
import { donutOption } from './donut-option.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('donutOption', () => {
	it('describes each slice by its value in the unit and its share', () => {
		const o = donutOption({ slices: [{ name: 'New', value: 30 }, { name: 'Returning', value: 10 }], unit: 'count', currency: 'EUR' }) as Any;
		expect(o.series[0].data).toEqual([{ name: 'New', value: 30 }, { name: 'Returning', value: 10 }]);
		expect(o.legend.formatter('New')).toBe('New: 30 (75.0%)');
		expect(o.tooltip.formatter({ name: 'Returning' })).toBe('Returning: 10 (25.0%)');
	});
});
