-- 裁员预警 (issue 5 item 5): the rules' settings and the warnings they raised. The rules themselves and their
-- defaults are in core (core/src/early-warnings.ts); a row here is a rule the province administrator changed.
CREATE TABLE warning_rules (
  rule text PRIMARY KEY,                       -- WARNING_RULES in core
  enabled boolean NOT NULL,
  severity text NOT NULL CHECK (severity IN ('high', 'medium', 'low')),
  threshold numeric(14, 2),                    -- in the rule's unit (%, people, months, ratio, yuan); null: none
  updated_by uuid NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One warning per rule, enterprise and occurrence (the year compared with, the month, the plan): a run finds it
-- again and refreshes its figures; once a person resolved it, it stays resolved. A warning the system cleared (the
-- condition no longer held) opens again if the condition comes back.
CREATE TABLE early_warnings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  rule text NOT NULL,
  subject_key text NOT NULL,
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  plan_id uuid REFERENCES layoff_plans (id) ON DELETE CASCADE,
  region_code text NOT NULL REFERENCES regions (code),  -- the enterprise's (the plan's) region: the scope
  severity text NOT NULL CHECK (severity IN ('high', 'medium', 'low')),
  params jsonb NOT NULL DEFAULT '{}',          -- the figures of the text (core renderWarning); no personal data
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'following', 'resolved')),
  cleared boolean NOT NULL DEFAULT false,      -- resolved by the system: the condition no longer holds
  note text,                                   -- the last note of a person
  handled_by uuid REFERENCES users (id),
  handled_at timestamptz,
  raised_at timestamptz NOT NULL DEFAULT now(),
  seen_at timestamptz NOT NULL DEFAULT now(),  -- the last run that found it holding
  CHECK (status = 'resolved' OR NOT cleared)
);
CREATE UNIQUE INDEX early_warnings_once_idx ON early_warnings (rule, enterprise_id, subject_key);
-- The inbox: a region's open warnings, newest first; the home page's counts.
CREATE INDEX early_warnings_open_idx ON early_warnings (region_code, raised_at DESC) WHERE status <> 'resolved';
CREATE INDEX early_warnings_region_idx ON early_warnings (region_code, raised_at DESC);
CREATE INDEX early_warnings_enterprise_idx ON early_warnings (enterprise_id);
CREATE INDEX early_warnings_plan_idx ON early_warnings (plan_id) WHERE plan_id IS NOT NULL;

-- Each step of a warning: raised, followed, resolved, cleared or raised again (by a person or the system).
CREATE TABLE early_warning_events (
  id bigserial PRIMARY KEY,
  warning_id uuid NOT NULL REFERENCES early_warnings (id) ON DELETE CASCADE,
  region_code text NOT NULL REFERENCES regions (code),
  status text NOT NULL CHECK (status IN ('new', 'following', 'resolved')),
  by_system boolean NOT NULL,
  note text,
  actor_id uuid REFERENCES users (id),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX early_warning_events_warning_idx ON early_warning_events (warning_id, at);
