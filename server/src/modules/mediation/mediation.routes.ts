import {
  createMediationOrgBody,
  MEDIATION_ORG_FIELD_LABELS,
  mediationOrg,
  mediationOrgListQuery,
  pageOf,
  publicMediationOrg,
  publicMediationOrgListQuery,
  updateMediationOrgBody,
} from '@hexie/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/access.js';
import * as service from './mediation.service.js';

const idParams = z.object({ id: z.uuid() });
const tags = ['mediation'];

/** 劳动人事争议调解: the organisations' register (附件3) and its public roster. */
export const mediationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, regions } = app.platform;

  app.get(
    '/api/v1/mediation/orgs',
    {
      config: { access: 'mediation:read' },
      schema: {
        tags,
        summary: '调解组织台账 Mediation organisations of your region',
        querystring: mediationOrgListQuery,
        response: { 200: pageOf(mediationOrg) },
      },
    },
    async (req) => service.listOrgs(contextOf(req), req.query),
  );
  app.post(
    '/api/v1/mediation/orgs',
    {
      config: { access: 'mediation:write', fieldLabels: MEDIATION_ORG_FIELD_LABELS },
      schema: {
        tags,
        summary: '登记调解组织 Register an organisation',
        body: createMediationOrgBody,
        response: { 201: mediationOrg },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createOrg(contextOf(req), req.body)),
  );
  app.get(
    '/api/v1/mediation/orgs/:id',
    {
      config: { access: 'mediation:read' },
      schema: {
        tags,
        summary: '调解组织 One organisation (reveal=phone audited)',
        params: idParams,
        querystring: z.object({ reveal: z.enum(['phone']).optional() }),
        response: { 200: mediationOrg },
      },
    },
    async (req) => service.getOrg(contextOf(req), req.params.id, req.query.reveal === 'phone'),
  );
  app.patch(
    '/api/v1/mediation/orgs/:id',
    {
      config: { access: 'mediation:write', fieldLabels: MEDIATION_ORG_FIELD_LABELS },
      schema: {
        tags,
        summary: '修改调解组织 Update an organisation at the version read',
        params: idParams,
        body: updateMediationOrgBody,
        response: { 200: mediationOrg },
      },
    },
    async (req) => service.updateOrg(contextOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/public/mediation-orgs',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '调解组织名册 The public roster of active organisations',
        querystring: publicMediationOrgListQuery,
        response: { 200: pageOf(publicMediationOrg) },
      },
    },
    async (req) => service.publicOrgs(db, regions, req.query),
  );
};
