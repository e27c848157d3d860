import type { Lang, MemberUnit, Messages, Permission, Role } from '@hexie/core';
import type { Config } from '../config.js';
import type { Db } from '../db/pool.js';
import type { AuditContext } from './audit.js';
import type { JobLog } from './jobs.js';
import type { RegionScope, Regions } from './regions.js';

/** The signed-in user as the server sees them. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  memberUnit: MemberUnit | null;
  /** 所属企业 of an enterprise user */
  enterpriseId: string | null;
}

export interface SessionInfo {
  tokenHash: string;
  csrfToken: string;
}

/** What a route may declare: a permission, or that it is open (public) or needs only a session. */
export type RouteAccess = Permission | 'public' | 'authenticated';

/** Shared services built once per process. */
export interface Platform {
  config: Config;
  db: Db;
  regions: Regions;
}

/** Everything a service call needs about who is asking. */
export interface ServiceContext extends AuditContext {
  actor: Actor;
  scope: RegionScope;
  lang: Lang;
  db: Db;
  regions: Regions;
  /** the request's logger (a background job's): what a service hands to work that logs and goes on */
  log: JobLog;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** every route declares it; a route without it refuses to register */
    access?: RouteAccess;
    /** the route's own names of fields in error messages, over core's FIELD_LABELS (see fieldLabel) */
    fieldLabels?: Readonly<Record<string, Messages>>;
  }
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionInfo | null;
    sessionExpired: boolean;
  }
  interface FastifyInstance {
    platform: Platform;
  }
}
