-- 劳动人事争议调解组织 (附件3) and their mediators (附件4): the registers the mediation cases hang on.
CREATE TABLE mediation_orgs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL REFERENCES regions (code),
  name text NOT NULL,
  type text NOT NULL CHECK (type IN ('township_street', 'enterprise', 'industry_regional', 'chamber', 'other')),
  address text,
  has_office boolean NOT NULL DEFAULT false,
  has_sign boolean NOT NULL DEFAULT false,
  rules_posted boolean NOT NULL DEFAULT false,
  filing_status text NOT NULL DEFAULT 'not_filed' CHECK (filing_status IN ('filed', 'pending', 'not_filed')),
  filed_on date,
  contact_name text,
  contact_phone text,                          -- personal data: masked unless revealed (audited)
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (filing_status <> 'filed' OR filed_on IS NOT NULL)
);
-- One organisation of a name in a region (规范名称).
CREATE UNIQUE INDEX mediation_orgs_name_idx ON mediation_orgs (region_code, name);
CREATE INDEX mediation_orgs_updated_idx ON mediation_orgs (region_code, updated_at DESC);

CREATE TABLE mediators (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES mediation_orgs (id),
  region_code text NOT NULL REFERENCES regions (code),  -- the organisation's: the scope
  name text NOT NULL,
  id_number text,                              -- personal data
  phone text,                                  -- personal data
  full_time boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mediators_org_idx ON mediators (org_id) WHERE active;
CREATE UNIQUE INDEX mediators_person_idx ON mediators (org_id, id_number);
