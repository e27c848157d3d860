import { type Enterprise, type EnterpriseRecord, findIndustry, maskPhone } from '@hexie/core';
import type { Regions } from '../../platform/regions.js';
import type { EnterpriseRow } from './enterprises.repository.js';

const num = (v: string | null) => (v === null ? null : Number(v));

/** What a client sees of an enterprise: the contact phone masked unless `revealPhone` (audited by the caller). */
export function presentEnterprise(row: EnterpriseRow, regions: Regions, revealPhone = false): Enterprise {
  return {
    id: row.id,
    creditCode: row.credit_code,
    name: row.name,
    regionCode: row.region_code,
    regionName: regions.fullName(row.region_code),
    industryCode: row.industry_code,
    industryName: findIndustry(row.industry_code)?.name ?? '',
    ownership: row.ownership,
    employees: row.employees,
    revenue: num(row.revenue),
    assets: num(row.assets),
    sizeClass: row.size_class,
    registeredOn: row.registered_on,
    address: row.address,
    legalRepresentative: row.legal_representative,
    contactName: row.contact_name,
    contactPhone: row.contact_phone && !revealPhone ? maskPhone(row.contact_phone) : row.contact_phone,
    contactPhoneMasked: !!row.contact_phone && !revealPhone,
    source: row.source,
    creditCodeOverrideReason: row.credit_code_override_reason,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The stored record of a row, to merge an update onto and to compare with. */
export function recordOf(row: EnterpriseRow): EnterpriseRecord {
  return {
    creditCode: row.credit_code,
    name: row.name,
    regionCode: row.region_code,
    industryCode: row.industry_code,
    ownership: row.ownership,
    employees: row.employees,
    revenue: num(row.revenue),
    assets: num(row.assets),
    sizeClass: row.size_class,
    registeredOn: row.registered_on,
    address: row.address,
    legalRepresentative: row.legal_representative,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    source: row.source,
    creditCodeOverrideReason: row.credit_code_override_reason,
  };
}

/** The audit log keeps who changed a phone number, never the number itself. */
export function auditable(r: Partial<EnterpriseRecord>): Partial<EnterpriseRecord> {
  return r.contactPhone ? { ...r, contactPhone: maskPhone(r.contactPhone) } : r;
}
