-- 企业名录: every ledger hangs on an enterprise. One record per 统一社会信用代码.
CREATE TABLE enterprises (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  credit_code text NOT NULL,                  -- 统一社会信用代码, normalised (upper case, half-width)
  name text NOT NULL,                         -- 企业名称
  region_code text NOT NULL REFERENCES regions (code),
  industry_code text NOT NULL,                -- GB/T 4754-2017: section letter or 2/3/4-digit code
  industry_section char(1) NOT NULL,          -- 门类, for filtering by section
  ownership text CHECK (ownership IN ('state', 'collective', 'private', 'joint_stock', 'foreign', 'hmt', 'other')),
  employees integer CHECK (employees >= 0),   -- 从业人员
  revenue numeric(16, 2) CHECK (revenue >= 0),-- 营业收入 (万元)
  assets numeric(16, 2) CHECK (assets >= 0),  -- 资产总额 (万元)
  size_class text CHECK (size_class IN ('large', 'medium', 'small', 'micro')), -- computed by core, NULL = unknown
  registered_on date,                         -- 成立日期
  address text,
  legal_representative text,
  contact_name text,
  contact_phone text,                         -- personal data: masked unless revealed (audited)
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'market_regulation', 'social_insurance')),
  credit_code_override_reason text,           -- a legacy code failing its check, kept with the reason
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  updated_by uuid,
  -- Substring search over the name and the code (003_search_grams.sql).
  grams text[] GENERATED ALWAYS AS (hx_grams(name || ' ' || credit_code)) STORED
);
CREATE UNIQUE INDEX enterprises_credit_code_key ON enterprises (credit_code);
CREATE INDEX enterprises_grams_idx ON enterprises USING gin (grams);
-- The list: newest first within the caller's regions.
CREATE INDEX enterprises_region_created_idx ON enterprises (region_code, created_at DESC, id DESC);
CREATE INDEX enterprises_created_idx ON enterprises (created_at DESC, id DESC);
CREATE INDEX enterprises_industry_idx ON enterprises (industry_code);
CREATE INDEX enterprises_registered_idx ON enterprises (region_code, registered_on);
