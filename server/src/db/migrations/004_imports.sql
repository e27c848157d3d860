-- 导入记录: every import (validate or commit) with its file hash, who, when and the result. A big file runs in
-- the background and reports its progress here; a commit of a file already committed is recognised by hash.
CREATE TABLE imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity text NOT NULL,                        -- what was imported: 'enterprise', …
  mode text NOT NULL CHECK (mode IN ('validate', 'commit')),
  status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  file_name text NOT NULL,
  file_hash text NOT NULL,                     -- sha256 of the file, hex
  file_size integer NOT NULL,
  rows integer NOT NULL DEFAULT 0,
  created integer NOT NULL DEFAULT 0,
  updated integer NOT NULL DEFAULT 0,
  unchanged integer NOT NULL DEFAULT 0,
  rejected integer NOT NULL DEFAULT 0,
  errors jsonb NOT NULL DEFAULT '[]',          -- row errors, capped
  errors_truncated boolean NOT NULL DEFAULT false,
  problem jsonb,                               -- a file-level refusal {code, detail}
  progress real NOT NULL DEFAULT 0,
  actor_id uuid REFERENCES users (id),
  actor_username text NOT NULL,
  region_code text NOT NULL REFERENCES regions (code),  -- the uploader's region: the record's scope
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX imports_region_created_idx ON imports (region_code, created_at DESC);
CREATE INDEX imports_hash_idx ON imports (entity, file_hash) WHERE mode = 'commit' AND status = 'succeeded';
