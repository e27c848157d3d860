import { type Expert, isNewEnterpriseService, maskPhone, type ServiceRecord } from '@hexie/core';
import type { ServiceContext } from '../../platform/context.js';
import type { ExpertRecord, ExpertRow, RecordRow } from './services.repository.js';

/** What a client sees of a team member: the phone masked unless `revealPhone` (audited by the caller). */
export function presentExpert(ctx: ServiceContext, r: ExpertRow, revealPhone = false): Expert {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    organisation: r.organisation,
    title: r.title,
    regionCode: r.region_code,
    regionName: ctx.regions.fullName(r.region_code),
    phone: r.phone && !revealPhone ? maskPhone(r.phone) : r.phone,
    phoneMasked: !!r.phone && !revealPhone,
    active: r.active,
    editable: ctx.scope.includes(r.region_code),
    version: r.version,
  };
}

export function expertRecordOf(r: ExpertRow): ExpertRecord {
  return {
    name: r.name,
    kind: r.kind,
    organisation: r.organisation,
    title: r.title,
    regionCode: r.region_code,
    phone: r.phone,
    active: r.active,
  };
}

/** The audit log keeps who changed a phone number, never the number itself. */
export function auditableExpert(r: Partial<ExpertRecord>): Partial<ExpertRecord> {
  return r.phone ? { ...r, phone: maskPhone(r.phone) } : r;
}

export function presentRecord(ctx: ServiceContext, r: RecordRow): ServiceRecord {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    creditCode: r.credit_code,
    regionCode: r.region_code,
    regionName: ctx.regions.fullName(r.region_code),
    servedOn: r.served_on,
    channel: r.channel,
    topics: r.topics,
    experts: r.experts,
    findings: r.findings,
    followUp: r.follow_up,
    followUpDue: r.follow_up_due,
    newEnterprise: isNewEnterpriseService(r.registered_on, r.served_on),
    recordedBy: r.recorded_by_name,
    version: r.version,
    createdAt: r.created_at.toISOString(),
  };
}
