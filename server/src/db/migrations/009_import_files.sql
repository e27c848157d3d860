-- 导入文件暂存: the uploaded file of a background import (platform/import, decision 004), held only until its
-- job has run, then deleted. In PostgreSQL rather than under the data directory so that any API process behind
-- the load balancer can run the job; a job interrupted by a restart finds its file again.
CREATE TABLE import_files (
  import_id uuid PRIMARY KEY REFERENCES imports (id) ON DELETE CASCADE,
  region_code text NOT NULL REFERENCES regions (code),  -- the uploader's region, as on the import record
  data bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- xlsx is already deflated and CSV is read once: do not spend CPU compressing it again in TOAST.
ALTER TABLE import_files ALTER COLUMN data SET STORAGE EXTERNAL;
