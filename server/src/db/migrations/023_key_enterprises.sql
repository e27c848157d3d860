-- 重点企业用工指导 (附件7, SPEC §2.6): the key-enterprise list and its ledger, the monthly employment reports, the
-- stabilisation policies enjoyed, the guidance given and the collective consultations. The rules are core's
-- (core/src/employment.ts). Every table carries the region of its enterprise (the scope; Citus distributes by it).

-- One ledger per enterprise ever listed. `listed` says whether a listing period is open now; the periods themselves
-- are key_enterprise_listings, never deleted. The region is the enterprise's when it was (last) listed.
CREATE TABLE key_enterprises (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  region_code text NOT NULL REFERENCES regions (code),
  listed boolean NOT NULL DEFAULT true,
  follower_id uuid REFERENCES users (id),          -- 对接工作人员
  base_year integer,                               -- 上年底职工数 as recorded: the year it is the end of
  base_headcount integer CHECK (base_headcount >= 0),
  note text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id),
  updated_by uuid REFERENCES users (id),
  CHECK (base_headcount IS NULL OR base_year IS NOT NULL)
);
CREATE UNIQUE INDEX key_enterprises_enterprise_idx ON key_enterprises (enterprise_id);
CREATE INDEX key_enterprises_region_idx ON key_enterprises (region_code, listed);
CREATE INDEX key_enterprises_follower_idx ON key_enterprises (follower_id) WHERE follower_id IS NOT NULL;

-- 列入/移出: each period on the list, with its reasons; taking off closes the period with a day and a reason.
CREATE TABLE key_enterprise_listings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key_enterprise_id uuid NOT NULL REFERENCES key_enterprises (id),
  region_code text NOT NULL REFERENCES regions (code),
  listed_on date NOT NULL,
  reasons text[] NOT NULL CHECK (
    cardinality(reasons) > 0
    AND reasons <@ ARRAY['large_headcount', 'operating_difficulty', 'layoff_plan', 'complaints']
  ),
  note text,
  listed_by uuid REFERENCES users (id),
  delisted_on date,
  delist_reason text,
  delisted_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((delisted_on IS NULL) = (delist_reason IS NULL)),
  CHECK (delisted_on IS NULL OR delisted_on >= listed_on)
);
-- At most one open period per enterprise.
CREATE UNIQUE INDEX key_enterprise_listings_open_idx ON key_enterprise_listings (key_enterprise_id)
  WHERE delisted_on IS NULL;
CREATE INDEX key_enterprise_listings_ledger_idx ON key_enterprise_listings (key_enterprise_id, listed_on DESC);

-- 已享受的稳岗政策 (社保减免, 稳岗返还, 技能提升补贴, 税收优惠 …)
CREATE TABLE key_enterprise_policies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key_enterprise_id uuid NOT NULL REFERENCES key_enterprises (id),
  region_code text NOT NULL REFERENCES regions (code),
  kind text NOT NULL CHECK (
    kind IN ('social_insurance_relief', 'job_retention_refund', 'skills_subsidy', 'tax_relief', 'other')
  ),
  amount numeric(14, 2) NOT NULL CHECK (amount >= 0),  -- yuan
  granted_on date NOT NULL,
  note text,
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX key_enterprise_policies_ledger_idx ON key_enterprise_policies (key_enterprise_id, granted_on);

-- 跟踪指导情况: visits, calls, meetings.
CREATE TABLE key_enterprise_guidance (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key_enterprise_id uuid NOT NULL REFERENCES key_enterprises (id),
  region_code text NOT NULL REFERENCES regions (code),
  guided_on date NOT NULL,
  guided_by text NOT NULL,                         -- a name: staff of the tripartite units, not always users
  content text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX key_enterprise_guidance_ledger_idx ON key_enterprise_guidance (key_enterprise_id, guided_on);

-- 集体协商 for enterprises in difficulty: wages, hours, rotation, shorter hours.
CREATE TABLE collective_consultations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key_enterprise_id uuid NOT NULL REFERENCES key_enterprises (id),
  region_code text NOT NULL REFERENCES regions (code),
  held_on date NOT NULL,
  topics text[] NOT NULL CHECK (
    cardinality(topics) > 0 AND topics <@ ARRAY['wages', 'hours', 'rotation', 'shorter_hours', 'other']
  ),
  participants text NOT NULL,
  result text NOT NULL,
  agreement_reached boolean NOT NULL,
  agreement_summary text,
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT agreement_reached OR agreement_summary IS NOT NULL)
);
CREATE INDEX collective_consultations_ledger_idx ON collective_consultations (key_enterprise_id, held_on);

-- 月度用工报告: one per enterprise and month (the month's first day). Any enterprise of the register may report;
-- the ledger shows those of its key enterprises. `late`: first filed after the month's window closed.
CREATE TABLE employment_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  region_code text NOT NULL REFERENCES regions (code),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  headcount integer NOT NULL CHECK (headcount >= 0),          -- 月末职工人数
  hires integer NOT NULL CHECK (hires >= 0),                  -- 本月新增
  separated_resigned integer NOT NULL CHECK (separated_resigned >= 0),
  separated_dismissed integer NOT NULL CHECK (separated_dismissed >= 0),
  separated_contract_ended integer NOT NULL CHECK (separated_contract_ended >= 0),
  separated_retired integer NOT NULL CHECK (separated_retired >= 0),
  separated_other integer NOT NULL CHECK (separated_other >= 0),
  note text,
  source text NOT NULL CHECK (source IN ('staff', 'enterprise', 'import')),
  late boolean NOT NULL DEFAULT false,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  submitted_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX employment_reports_month_idx ON employment_reports (enterprise_id, month);
CREATE INDEX employment_reports_region_idx ON employment_reports (region_code, month);
