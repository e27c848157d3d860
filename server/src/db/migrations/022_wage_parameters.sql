-- 工资参数 (DOMAIN-RULES §3): the minimum wage by area and the average monthly wage by city and year, each row with
-- the day it takes effect. Kept by the province administrator; read by the severance calculator and layoff plans.
-- A row is never deleted: ending it sets its last day (the day before it started withdraws it). Which row is in
-- effect is core's rule (wage-parameters.ts): the latest start on or before the day, unless ended before it.
-- The figures of DOMAIN-RULES are loaded by parameters.seed.ts (after the regions they name exist).
CREATE TABLE wage_parameters (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('minimum_wage', 'average_wage')),
  region_code text NOT NULL REFERENCES regions (code),
  effective_from date NOT NULL,
  effective_to date,                            -- the last day in effect, once ended
  monthly_amount numeric(12, 2) NOT NULL CHECK (monthly_amount > 0),
  hourly_amount numeric(8, 2) CHECK (hourly_amount > 0),   -- 非全日制用工小时最低工资标准
  tier smallint CHECK (tier BETWEEN 1 AND 6),               -- 最低工资档次 (一类地区 = 1)
  stat_year integer,                                        -- the year an average wage is the average of
  basis text NOT NULL,                                      -- 文件依据 / 数据来源
  created_by uuid REFERENCES users (id),                    -- null: loaded by the seed
  created_at timestamptz NOT NULL DEFAULT now(),
  ended_by uuid REFERENCES users (id),
  ended_at timestamptz,
  end_reason text,
  CHECK (effective_to IS NULL OR effective_to >= effective_from - 1),
  CHECK ((effective_to IS NULL) = (end_reason IS NULL)),
  CHECK (
    (kind = 'minimum_wage' AND tier IS NOT NULL AND stat_year IS NULL)
    OR (kind = 'average_wage' AND stat_year IS NOT NULL AND tier IS NULL AND hourly_amount IS NULL)
  )
);
-- One live row per region and start day (a withdrawn row makes room for its correction).
CREATE UNIQUE INDEX wage_parameters_start_idx ON wage_parameters (kind, region_code, effective_from)
  WHERE effective_to IS NULL OR effective_to >= effective_from;
