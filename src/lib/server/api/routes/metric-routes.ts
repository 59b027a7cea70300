/** GET /api/v1/metrics: the metric dictionary (labels, formulas, units, basis) behind every figure and tooltip. */
import { Hono } from 'hono';
import { metricCatalog } from '../../../metrics/metric-dictionary.ts';
import type { ApiEnv } from '../create-api.ts';

export const metricRoutes = new Hono<ApiEnv>().get('/', (c) => c.json({ metrics: metricCatalog() }));
