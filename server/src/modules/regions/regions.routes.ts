import type { RegionNode } from '@hexie/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';

const regionNode: z.ZodType<RegionNode> = z.lazy(() =>
  z.object({
    code: z.string(),
    name: z.string(),
    level: z.enum(['province', 'prefecture', 'county']),
    statistical: z.boolean().optional(),
    nonStandard: z.boolean().optional(),
    reportsToProvince: z.boolean().optional(),
    children: z.array(regionNode),
  }),
);
// Recursive: documented once as a named component.
z.globalRegistry.add(regionNode, { id: 'RegionNode' });

export const regionsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/regions',
    {
      // Reference data: the public mediation portal needs it too.
      config: { access: 'public' },
      schema: {
        tags: ['regions'],
        summary: '行政区划树 Region tree (GB/T 2260, Jilin)',
        querystring: z.object({
          root: z
            .string()
            .regex(/^\d{6}$/)
            .optional(),
        }),
        response: { 200: regionNode },
      },
    },
    async (req) => {
      const { regions } = app.platform;
      const node = req.query.root ? regions.get(req.query.root) : regions.tree();
      if (!node) throw new AppError('not_found');
      return node;
    },
  );
};
