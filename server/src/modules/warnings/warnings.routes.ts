import {
  earlyWarning,
  earlyWarningDetail,
  earlyWarningListQuery,
  earlyWarningSummary,
  pageOf,
  updateWarningRuleBody,
  updateWarningStatusBody,
  WARNING_FIELD_LABELS,
  WARNING_RULES,
  warningRuleView,
} from '@hexie/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/access.js';
import * as warnings from './warnings.service.js';

const tags = ['warnings'];
const read = { access: 'employment:read', fieldLabels: WARNING_FIELD_LABELS } as const;
const write = { access: 'employment:write', fieldLabels: WARNING_FIELD_LABELS } as const;
const admin = { access: 'parameters:write', fieldLabels: WARNING_FIELD_LABELS } as const;
const idParams = z.object({ id: z.uuid() });

/** 裁员预警: the warning inbox of a region, its handling, and the rules the province administrator sets. */
export const warningsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/warnings',
    {
      config: read,
      schema: {
        tags,
        summary: '预警信息 The warnings of your region (open ones by default), gravest and newest first',
        querystring: earlyWarningListQuery,
        response: { 200: pageOf(earlyWarning) },
      },
    },
    async (req) => warnings.listWarnings(contextOf(req), req.query),
  );
  app.get(
    '/api/v1/warnings/summary',
    {
      config: read,
      schema: {
        tags,
        summary: '预警概况 Open warnings of your region by severity, and the newest',
        response: { 200: earlyWarningSummary },
      },
    },
    async (req) => warnings.warningSummary(contextOf(req)),
  );
  app.get(
    '/api/v1/warnings/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '预警详情 A warning with its history',
        params: idParams,
        response: { 200: earlyWarningDetail },
      },
    },
    async (req) => warnings.getWarning(contextOf(req), req.params.id),
  );
  app.post(
    '/api/v1/warnings/:id/status',
    {
      config: write,
      schema: {
        tags,
        summary: '跟进或解除 Follow a warning up, or resolve it with a note (audited)',
        params: idParams,
        body: updateWarningStatusBody,
        response: { 200: earlyWarningDetail },
      },
    },
    async (req) => warnings.updateWarningStatus(contextOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/warning-rules',
    {
      config: read,
      schema: {
        tags,
        summary: '预警规则 Every rule as it runs now',
        response: { 200: z.object({ items: z.array(warningRuleView) }) },
      },
    },
    async (req) => warnings.listWarningRules(contextOf(req)),
  );
  app.put(
    '/api/v1/warning-rules/:rule',
    {
      config: admin,
      schema: {
        tags,
        summary: '设置预警规则 Switch a rule on or off, set its severity and threshold (province administrator)',
        params: z.object({ rule: z.enum(WARNING_RULES) }),
        body: updateWarningRuleBody,
        response: { 200: warningRuleView },
      },
    },
    async (req) => warnings.updateWarningRule(contextOf(req), req.params.rule, req.body),
  );
  app.post(
    '/api/v1/warning-rules/run',
    {
      config: admin,
      schema: {
        tags,
        summary: '立即运行预警 Run every rule over the province now, as the nightly run does',
        response: {
          200: z.object({
            raised: z.number().int(),
            refreshed: z.number().int(),
            reopened: z.number().int(),
            cleared: z.number().int(),
            subjects: z.number().int(),
          }),
        },
      },
    },
    async (req) => warnings.runWarningsNow(contextOf(req)),
  );
};
