import { describe, expect, it } from 'vitest';
import { isNewEnterpriseService, NEW_ENTERPRISE_MONTHS } from './services.js';

describe('新注册企业 for the indicator', () => {
  it(`counts a service within ${NEW_ENTERPRISE_MONTHS} months of registration, inclusive`, () => {
    expect(isNewEnterpriseService('2023-11-24', '2026-11-24')).toBe(true);
    expect(isNewEnterpriseService('2023-11-23', '2026-11-24')).toBe(false);
    expect(isNewEnterpriseService('2026-11-24', '2026-11-24')).toBe(true);
    expect(isNewEnterpriseService('2022-06-01', '2026-06-01')).toBe(false); // four years before
  });
  it('never counts a service before registration, or an enterprise without a date', () => {
    expect(isNewEnterpriseService('2026-12-01', '2026-11-24')).toBe(false);
    expect(isNewEnterpriseService(null, '2026-11-24')).toBe(false);
  });
});
