-- 案卷材料: the documents of a case — photographs and scans the applicant sends with an online application,
-- records staff attach (JPEG, PNG, PDF, told by their first bytes). In PostgreSQL like import_files, so any API
-- process serves them; region_code is the case's, so a region's reads stay on its rows.
CREATE TABLE mediation_case_attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES mediation_cases (id),
  region_code text NOT NULL REFERENCES regions (code),
  file_name text NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  size integer NOT NULL CHECK (size > 0),
  sha256 text NOT NULL,
  data bytea NOT NULL,
  uploaded_by uuid REFERENCES users (id),      -- null: the applicant, online
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Images and PDF are compressed already.
ALTER TABLE mediation_case_attachments ALTER COLUMN data SET STORAGE EXTERNAL;
CREATE INDEX mediation_case_attachments_case_idx ON mediation_case_attachments (case_id, created_at);
