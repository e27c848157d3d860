-- Platform: regions, users, sessions, login throttling, audit log.

CREATE TABLE regions (
  code text PRIMARY KEY,                      -- 区划代码 (GB/T 2260, or internal where non_standard)
  name text NOT NULL,                         -- 名称
  level text NOT NULL CHECK (level IN ('province', 'prefecture', 'county')),
  parent_code text REFERENCES regions (code), -- parent in the reporting tree
  admin_parent_code text,                     -- parent in GB/T 2260 when it differs (梅河口 -> 通化)
  statistical boolean NOT NULL DEFAULT false, -- 开发区: statistical, not administrative
  non_standard boolean NOT NULL DEFAULT false,-- internal code (长白山管委会)
  reports_to_province boolean NOT NULL DEFAULT false,
  sort integer NOT NULL DEFAULT 0
);
CREATE INDEX regions_parent_idx ON regions (parent_code);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('province_admin', 'region_admin', 'region_staff',
    'mediation_staff', 'social_org_staff', 'enterprise_user')),
  region_code text NOT NULL REFERENCES regions (code),
  member_unit text CHECK (member_unit IN ('hrss', 'union', 'enterprise_confed', 'commerce_fed')),
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  last_login_at timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE INDEX users_region_idx ON users (region_code, username);

-- Failures are counted per username whether or not the account exists, so the answer
-- (and the lock) never tells an attacker which usernames are real.
CREATE TABLE login_throttle (
  username_key text PRIMARY KEY,
  failed_count integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_failed_at timestamptz
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,                -- sha256 of the cookie value; the value itself is never stored
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,            -- absolute end
  ip text,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- 审计日志: append-only. The app role gets INSERT/SELECT only (see grantAppRole), and this
-- trigger refuses UPDATE/DELETE/TRUNCATE for everyone, the owner included.
CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid,
  actor_username text,
  actor_role text,
  actor_region text,
  ip text,
  request_id text,
  action text NOT NULL,
  entity_type text,
  entity_id text,
  region_code text,                           -- the region the record belongs to (scope of readers)
  result text NOT NULL CHECK (result IN ('success', 'failure', 'denied')),
  details jsonb
);
CREATE INDEX audit_events_at_idx ON audit_events (at DESC, id DESC);
CREATE INDEX audit_events_region_at_idx ON audit_events (region_code, at DESC);
CREATE INDEX audit_events_action_idx ON audit_events (action, at DESC);
CREATE INDEX audit_events_actor_idx ON audit_events (lower(actor_username), at DESC);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
