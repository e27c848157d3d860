-- Enterprise users belong to one enterprise (their inbox, their self-check reports).
ALTER TABLE users ADD COLUMN enterprise_id uuid REFERENCES enterprises (id);
CREATE INDEX users_enterprise_idx ON users (enterprise_id) WHERE enterprise_id IS NOT NULL;

-- 用工指导通知 / 风险提示 pushed by staff to the enterprises a filter picks; each enterprise's copy is read in
-- its inbox. region_code is the sender's region (the notice's scope); recipients carry their own region.
CREATE TABLE notices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL REFERENCES regions (code),
  kind text NOT NULL CHECK (kind IN ('guidance', 'risk_alert', 'policy')),
  title text NOT NULL,
  body text NOT NULL,
  criteria jsonb NOT NULL,                    -- the filter that chose the recipients, as sent
  recipients integer NOT NULL,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notices_region_created_idx ON notices (region_code, created_at DESC);

CREATE TABLE notice_recipients (
  notice_id uuid NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  region_code text NOT NULL,
  read_at timestamptz,
  read_by uuid,
  PRIMARY KEY (notice_id, enterprise_id)
);
CREATE INDEX notice_recipients_enterprise_idx ON notice_recipients (enterprise_id, notice_id);
