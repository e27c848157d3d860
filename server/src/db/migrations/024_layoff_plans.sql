-- 裁员方案 (附件7, issue 5): a layoff plan of an enterprise of the register for a year, and the people on its list.
-- What the rules say of a plan (第四十一条 and its steps, severance, ability to pay) is computed by core on every read,
-- never stored: the parameter tables may change, and a stored verdict would go stale.
CREATE TABLE layoff_plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  region_code text NOT NULL REFERENCES regions (code),  -- the enterprise's region when recorded: the scope
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  employees integer NOT NULL CHECK (employees >= 1),                 -- 企业职工总数
  planned_layoffs integer NOT NULL,                                  -- 本年度计划裁减人数
  done_layoffs integer NOT NULL DEFAULT 0,                           -- 已裁减人数
  positions text,                                                    -- 涉及岗位
  ground text NOT NULL CHECK (ground IN ('restructuring', 'serious_difficulty', 'business_change',
    'changed_circumstances')),                                       -- 第四十一条第一款
  planned_on date NOT NULL,
  explained_on date,                                                 -- 向工会或全体职工说明情况
  reported_on date,                                                  -- 向劳动行政部门报告
  wages_settled boolean NOT NULL,
  wage_arrears numeric(14, 2) CHECK (wage_arrears >= 0),
  severance_standard text NOT NULL CHECK (severance_standard IN ('statutory', 'higher')),
  severance_note text,
  funds_available numeric(14, 2) NOT NULL CHECK (funds_available >= 0),
  average_monthly_wage numeric(12, 2) CHECK (average_monthly_wage >= 0),  -- the estimate without a list
  average_service_months integer CHECK (average_service_months >= 0),
  local_average_monthly_wage numeric(12, 2) CHECK (local_average_monthly_wage > 0),  -- overrides the tables
  minimum_wage numeric(12, 2) CHECK (minimum_wage > 0),
  note text,
  recorded_by uuid NOT NULL REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (planned_layoffs BETWEEN 1 AND employees),
  CHECK (done_layoffs BETWEEN 0 AND planned_layoffs),
  CHECK (severance_standard = 'statutory' OR severance_note IS NOT NULL)
);
-- One plan per enterprise and year (the staff import finds it by credit code and year).
CREATE UNIQUE INDEX layoff_plans_enterprise_year_idx ON layoff_plans (enterprise_id, year);
CREATE INDEX layoff_plans_region_idx ON layoff_plans (region_code, planned_on DESC);

-- 被裁减人员名单: the plan's region copied so every row is region-scoped on its own.
CREATE TABLE layoff_plan_staff (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES layoff_plans (id) ON DELETE CASCADE,
  region_code text NOT NULL REFERENCES regions (code),
  name text NOT NULL,
  id_number text NOT NULL,                     -- personal data: masked in every answer and audit
  position text,
  service_start date NOT NULL,
  average_monthly_wage numeric(12, 2) NOT NULL CHECK (average_monthly_wage >= 0),
  protected_ground text CHECK (protected_ground IN ('occupational_exposure', 'work_injury', 'medical_period',
    'maternity', 'long_service', 'other_law')),   -- 第四十二条
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX layoff_plan_staff_person_idx ON layoff_plan_staff (plan_id, id_number);
