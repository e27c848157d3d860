import { can, PERMISSIONS, pickLang } from '@hexie/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from './audit.js';
import type { RouteAccess, ServiceContext } from './context.js';
import { AppError } from './errors.js';
import { loadSession, SESSION_COOKIE, sameToken } from './sessions.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const ACCESS_VALUES = new Set<string>([...PERMISSIONS, 'public', 'authenticated']);
/** Routes registered by plugins (API docs UI, static web app) that are public by nature. */
const PUBLIC_PREFIXES = ['/api/docs'];
/** The static web app (index.html and its assets) as @fastify/static registers it. */
const PUBLIC_ROUTES = new Set(['/*', '/']);

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

/**
 * Access control in one place. Every route must declare `config.access` (checked when it registers);
 * each request is authenticated from its session cookie, state-changing requests must echo the session's
 * CSRF token in x-csrf-token, and the role must hold the route's permission.
 */
export function registerAccessControl(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionExpired', false);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    let access = route.config?.access;
    if (!access && (PUBLIC_ROUTES.has(route.url) || PUBLIC_PREFIXES.some((p) => route.url.startsWith(p)))) {
      access = 'public';
      route.config = { ...route.config, access };
    }
    if (!access || !ACCESS_VALUES.has(access)) {
      throw new Error(`Route ${methods.join(',')} ${route.url} declares no access (config.access).`);
    }
    for (const m of methods) routes.push({ method: m, url: route.url, access });
  });

  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.access;
    // Public routes (and unknown ones) never look at the session.
    if (!access || access === 'public') return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const session = await loadSession(app.platform.db, token);
      if (session) {
        req.actor = session.actor;
        req.session = { tokenHash: session.tokenHash, csrfToken: session.csrfToken };
      } else {
        req.sessionExpired = true;
      }
    }
    if (!req.actor || !req.session) throw new AppError(req.sessionExpired ? 'session_expired' : 'unauthenticated');
    if (!SAFE_METHODS.has(req.method)) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, req.session.csrfToken)) {
        await auditDenial(req, 'csrf');
        throw new AppError('csrf_failed');
      }
    }
    if (access !== 'authenticated' && !can(req.actor.role, access)) {
      await auditDenial(req, 'permission');
      throw new AppError('forbidden');
    }
  });

  return routes;
}

/**
 * A signed-in user refused by the CSRF or permission check: a security event, kept in the audit log.
 * The request is refused whatever happens here; a failed audit write is logged, not swallowed silently.
 */
async function auditDenial(req: FastifyRequest, reason: 'csrf' | 'permission'): Promise<void> {
  try {
    await audit(
      req.server.platform.db,
      { actor: req.actor, ip: req.ip, requestId: req.id },
      {
        action: 'access.denied',
        result: 'denied',
        details: { reason, method: req.method, route: req.routeOptions.url ?? '' },
      },
    );
  } catch (err) {
    req.log.error({ err }, 'audit of an access denial failed');
  }
}

/** The service context of an authenticated request. */
export function contextOf(req: FastifyRequest): ServiceContext {
  const actor = req.actor;
  if (!actor) throw new AppError('unauthenticated');
  const { db, regions } = req.server.platform;
  return {
    actor,
    scope: regions.scopeOf(actor.regionCode),
    lang: pickLang(req.headers['accept-language']),
    ip: req.ip,
    requestId: req.id,
    db,
    regions,
    log: req.log,
  };
}
