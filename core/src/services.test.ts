import { describe, expect, it } from 'vitest';
import {
  createServiceRecordBody,
  isNewEnterpriseService,
  NEW_ENTERPRISE_MONTHS,
  newEnterpriseSince,
  serviceTargetsBody,
} from './services.js';

describe('新注册企业 for the indicator', () => {
  it(`counts a service within ${NEW_ENTERPRISE_MONTHS} months of registration, inclusive`, () => {
    expect(isNewEnterpriseService('2023-11-24', '2026-11-24')).toBe(true);
    expect(isNewEnterpriseService('2023-11-23', '2026-11-24')).toBe(false);
    expect(isNewEnterpriseService('2026-11-24', '2026-11-24')).toBe(true);
    expect(isNewEnterpriseService('2025-01-01', '2026-06-30')).toBe(true);
  });

  it('does not count an enterprise registered four years before the service', () => {
    expect(isNewEnterpriseService('2022-06-01', '2026-06-01')).toBe(false);
    expect(isNewEnterpriseService('2021-12-31', '2025-06-15')).toBe(false);
  });

  it('never counts a service before registration, or an enterprise without a registration date', () => {
    expect(isNewEnterpriseService('2026-12-01', '2026-11-24')).toBe(false);
    expect(isNewEnterpriseService(null, '2026-11-24')).toBe(false);
  });

  it('steps back over year ends and clamps to shorter months as PostgreSQL does', () => {
    expect(newEnterpriseSince('2026-01-15')).toBe('2023-01-15');
    expect(newEnterpriseSince('2024-02-29')).toBe('2021-02-28');
    expect(newEnterpriseSince('2026-03-31')).toBe('2023-03-31');
    expect(isNewEnterpriseService('2021-02-28', '2024-02-29')).toBe(true);
    expect(isNewEnterpriseService('2021-02-27', '2024-02-29')).toBe(false);
  });
});

describe('service record and target input', () => {
  const base = {
    enterpriseId: '00000000-0000-4000-8000-000000000001',
    servedOn: '2026-03-02',
    channel: 'on_site',
    topics: ['contract'],
    expertIds: ['00000000-0000-4000-8000-000000000002'],
  };
  it('needs at least one expert and one topic', () => {
    expect(createServiceRecordBody.safeParse(base).success).toBe(true);
    const none = createServiceRecordBody.safeParse({ ...base, expertIds: [], topics: [] });
    expect(none.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['expertIds', 'topics']);
  });
  it('takes whole, non-negative targets only', () => {
    const ok = { year: 2026, targets: [{ regionCode: '220100', target: 0 }] };
    expect(serviceTargetsBody.safeParse(ok).success).toBe(true);
    for (const target of [-1, 1.5]) {
      const bad = serviceTargetsBody.safeParse({ year: 2026, targets: [{ regionCode: '220100', target }] });
      expect(bad.error?.issues[0]?.path.join('.')).toBe('targets.0.target');
    }
  });
});
