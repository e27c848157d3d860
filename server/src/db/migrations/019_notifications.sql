-- 站内提醒: warnings the platform raises for one user (a mediation case due in 3 days or overdue; later other
-- modules' warnings). Stored as data — kind, subject, the text's parameters — and worded in the reader's language
-- by core (renderNotification). region_code is the subject's region: the list shows only what lies in the reader's
-- scope, and a national deployment distributes the table by it like every ledger.
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  recipient_id uuid NOT NULL REFERENCES users (id),
  region_code text NOT NULL REFERENCES regions (code),
  kind text NOT NULL,                          -- NOTIFICATION_KINDS in core: mediation_deadline, mediation_overdue
  subject_type text NOT NULL,                  -- mediation_case
  subject_id uuid NOT NULL,
  params jsonb NOT NULL DEFAULT '{}',          -- the text's parameters; never personal data (SMS may carry it)
  due_on date,                                 -- the deadline warned about
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
-- The same warning about the same subject and deadline is made once per person, however often the scan runs
-- (a changed deadline, an extension say, is a new warning). NULLS NOT DISTINCT: PostgreSQL 15 or later.
CREATE UNIQUE INDEX notifications_once_key ON notifications (recipient_id, kind, subject_type, subject_id, due_on)
  NULLS NOT DISTINCT;
-- The bell: a person's newest, and their unread count.
CREATE INDEX notifications_recipient_idx ON notifications (recipient_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (recipient_id) WHERE read_at IS NULL;

-- The daily scan: open cases by their pending deadline (the expression of mediation.repository's PENDING_DUE), so
-- it reads the few near their deadline, not the whole ledger.
CREATE INDEX mediation_cases_pending_due_idx
  ON mediation_cases ((CASE status WHEN 'received' THEN acceptance_due ELSE effective_due END))
  WHERE status IN ('received', 'accepted', 'in_mediation');
