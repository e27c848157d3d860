import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type pino from 'pino';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { calculatorsRoutes } from './modules/calculators/calculators.routes.js';
import { calendarRoutes } from './modules/calendar/calendar.routes.js';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.js';
import { employmentRoutes } from './modules/employment/employment.routes.js';
import { provideLayoffLedger } from './modules/employment/ledger.export.js';
import { enterprisesRoutes } from './modules/enterprises/enterprises.routes.js';
import { guidanceRoutes } from './modules/guidance/guidance.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { importsRoutes } from './modules/imports/imports.routes.js';
import { layoffLedgerSource } from './modules/layoffs/layoffs.ledger.js';
import { layoffsRoutes } from './modules/layoffs/layoffs.routes.js';
import { mediationFollowupRoutes } from './modules/mediation/followup.routes.js';
import { mediationRoutes } from './modules/mediation/mediation.routes.js';
import { noticesRoutes } from './modules/notices/notices.routes.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { parametersRoutes } from './modules/parameters/parameters.routes.js';
import { regionsRoutes } from './modules/regions/regions.routes.js';
import { servicesRoutes } from './modules/services/services.routes.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { listenForWarnings } from './modules/warnings/warnings.listeners.js';
import { warningsRoutes } from './modules/warnings/warnings.routes.js';
import { type RegisteredRoute, registerAccessControl } from './platform/access.js';
import type { Platform } from './platform/context.js';
import { AppError, errorHandler, sendProblem } from './platform/errors.js';
import { Jobs } from './platform/jobs.js';
import { scrub } from './platform/logger.js';

const SECRET_PARAMS = /([?&](?:password|token|csrf|code|phone|idNumber)[^=&]*=)[^&]*/gi;

/** Path and query as they may appear in a log line. */
export function loggableUrl(url: string): string {
  return scrub(url.replace(SECRET_PARAMS, '$1***'));
}

export interface BuiltApp {
  app: FastifyInstance;
  routes: RegisteredRoute[];
}

/** Builds the HTTP app on a running platform (database, regions). Tests build it the same way. */
export async function buildApp(platform: Platform, logger: pino.Logger): Promise<BuiltApp> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // Our own onResponse hook writes the one line per request.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: platform.config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('platform', platform);
  // Background jobs (pg-boss): started by main.ts or by the first job sent; stopped with the app.
  const jobs = new Jobs(platform, logger);
  app.decorate('jobs', jobs);
  app.addHook('onClose', async () => jobs.stop());
  app.setErrorHandler(errorHandler);

  await app.register(fastifyCookie);
  const routes = registerAccessControl(app as unknown as FastifyInstance);
  await app.register(fastifyRateLimit, { global: false });
  // Uploads (imports): one file per request, size-capped again by each import route.
  await app.register(fastifyMultipart, { limits: { files: 1, fileSize: 20 * 1024 * 1024, fields: 5 } });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  // One line per request, with its id; nothing secret (see logger.ts).
  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      {
        method: req.method,
        url: loggableUrl(req.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        user: req.actor?.username,
        ip: req.ip,
      },
      'request',
    );
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Hexie 和谐同行 API',
        description:
          'Jilin labor-relations platform. Sign in at POST /api/v1/auth/login; send the session cookie and, on ' +
          'state-changing requests, the x-csrf-token header. Errors are application/problem+json with a stable code.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'hexie_sid' } },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(regionsRoutes);
  await app.register(usersRoutes);
  await app.register(enterprisesRoutes);
  await app.register(noticesRoutes);
  await app.register(notificationsRoutes);
  await app.register(importsRoutes);
  await app.register(servicesRoutes);
  await app.register(guidanceRoutes);
  await app.register(calculatorsRoutes);
  await app.register(calendarRoutes);
  await app.register(parametersRoutes);
  await app.register(layoffsRoutes);
  await app.register(mediationRoutes);
  await app.register(mediationFollowupRoutes);
  await app.register(employmentRoutes);
  await app.register(warningsRoutes);
  listenForWarnings();
  // The key-enterprise ledger's layoff columns (附件7) come from the layoff plans.
  provideLayoffLedger(layoffLedgerSource);
  await app.register(auditRoutes);
  await app.register(dashboardRoutes);

  const webDist = platform.config.webDist;
  const hasWeb = !!webDist && existsSync(join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: true, index: 'index.html' });
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const isApi = path.startsWith('/api/') || path === '/api';
    // The web app routes on the client: any other GET that wants HTML gets index.html.
    if (hasWeb && !isApi && req.method === 'GET' && (req.headers.accept ?? '').includes('text/html')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendProblem(req, reply, new AppError('route_not_found'));
  });

  return { app: app as unknown as FastifyInstance, routes };
}
