-- 调解案件: online applications (互联网+调解), walk-in registrations and entrusted mediations, with their
-- deadlines computed by core (DOMAIN-RULES §1–2) and every step kept as an event (the timeline and records).
CREATE TABLE mediation_cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tracking_code text NOT NULL UNIQUE,
  org_id uuid NOT NULL REFERENCES mediation_orgs (id),
  region_code text NOT NULL REFERENCES regions (code),  -- the organisation's region: the scope
  source text NOT NULL CHECK (source IN ('online', 'walk_in', 'entrusted')),
  entrusted_ref text,
  applicant_name text NOT NULL,
  applicant_id_number text NOT NULL,           -- personal data
  applicant_phone text NOT NULL,               -- personal data
  respondent_name text NOT NULL,
  respondent_credit_code text,
  dispute_types text[] NOT NULL,
  claim_amount numeric(14, 2),
  facts text NOT NULL,
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'accepted', 'rejected', 'in_mediation',
    'agreement', 'failed', 'withdrawn', 'overdue')),
  received_on date NOT NULL,
  acceptance_due date NOT NULL,
  mediation_due date NOT NULL,
  extension_days integer NOT NULL DEFAULT 0 CHECK (extension_days BETWEEN 0 AND 15),
  effective_due date NOT NULL,
  calendar_missing boolean NOT NULL DEFAULT false,
  extension jsonb,                             -- {days, applicantConsentOn, respondentConsentOn, note}
  accepted_on date,
  closed_on date,
  outcome_note text,
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users (id),       -- null: the public
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- The inbox: a region's open cases by their deadline; the registers by date received.
CREATE INDEX mediation_cases_inbox_idx ON mediation_cases (region_code, status, effective_due);
CREATE INDEX mediation_cases_received_idx ON mediation_cases (region_code, received_on DESC, id DESC);
CREATE INDEX mediation_cases_org_idx ON mediation_cases (org_id, received_on DESC);

CREATE TABLE mediation_case_events (
  id bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES mediation_cases (id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid REFERENCES users (id),         -- null: the applicant, online
  event text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  note text,
  session jsonb                                -- {heldOn, mediatorName, participants, record} for a session
);
CREATE INDEX mediation_case_events_case_idx ON mediation_case_events (case_id, id);
