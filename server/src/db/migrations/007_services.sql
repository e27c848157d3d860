-- 服务万户新企用工计划: the expert service team, service records and yearly targets by reporting unit.
CREATE TABLE service_experts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL REFERENCES regions (code),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('coordinator', 'mediator', 'arbitrator', 'inspector', 'union_cadre', 'lawyer',
    'judge', 'expert')),
  organisation text,
  title text,
  phone text,                                  -- personal data: masked unless revealed (audited)
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_experts_region_idx ON service_experts (region_code, name);

CREATE TABLE service_records (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  region_code text NOT NULL REFERENCES regions (code),  -- the enterprise's region when served: the scope
  served_on date NOT NULL,
  channel text NOT NULL CHECK (channel IN ('on_site', 'online', 'phone', 'training')),
  topics text[] NOT NULL,
  expert_ids uuid[] NOT NULL DEFAULT '{}',
  findings text,
  follow_up text,
  follow_up_due date,
  recorded_by uuid NOT NULL REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_records_region_served_idx ON service_records (region_code, served_on DESC);
CREATE INDEX service_records_enterprise_idx ON service_records (enterprise_id, served_on);

CREATE TABLE service_targets (
  region_code text NOT NULL REFERENCES regions (code),
  year integer NOT NULL,
  target integer NOT NULL CHECK (target >= 0),
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, year)
);
