-- After the workflow (SPEC §2.3): the joint application for arbitral review confirmation of an agreement and
-- its result (办案规则 Art. 74), the agreement's performance, and the archive of a closed case.
ALTER TABLE mediation_cases
  ADD COLUMN review jsonb,                     -- {appliedOn, commission, result, resultOn, note}
  ADD COLUMN performance jsonb,                -- {status, on, amountPaid, note}
  ADD COLUMN archive_no text,
  ADD COLUMN archived_on date;
CREATE UNIQUE INDEX mediation_cases_archive_no_idx ON mediation_cases (org_id, archive_no) WHERE archive_no IS NOT NULL;

-- 调解建议书: letters to an employer on what a mediation found, numbered per organisation and year, with the
-- employer's reply (整改反馈).
CREATE TABLE mediation_letters (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES mediation_cases (id),
  org_id uuid NOT NULL REFERENCES mediation_orgs (id),
  region_code text NOT NULL REFERENCES regions (code),
  year integer NOT NULL,
  seq integer NOT NULL,
  recipient text NOT NULL,
  sent_on date NOT NULL,
  content text NOT NULL,
  replied_on date,
  reply text,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, year, seq)
);
CREATE INDEX mediation_letters_case_idx ON mediation_letters (case_id, sent_on);
