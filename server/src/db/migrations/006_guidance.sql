-- 线上用工指导: the policy library and Q&A. Province-wide content (not region-scoped); only published items are
-- public. Searched by any substring through character-pair grams (003_search_grams.sql).
CREATE TABLE policies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL,
  issuer text NOT NULL,                        -- 发文机关
  doc_number text,                             -- 文号
  level text NOT NULL CHECK (level IN ('national', 'province', 'city')),
  issued_on date,
  effective_on date,
  status text NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'amended', 'repealed')),
  summary text,
  body text NOT NULL,
  tags text[] NOT NULL DEFAULT '{}',
  published boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  grams text[] GENERATED ALWAYS AS (
    hx_grams(title || ' ' || coalesce(doc_number, '') || ' ' || coalesce(summary, '') || ' ' || body)) STORED
);
CREATE INDEX policies_grams_idx ON policies USING gin (grams);
CREATE INDEX policies_published_idx ON policies (published, issued_on DESC NULLS LAST);

CREATE TABLE qa (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  question text NOT NULL,
  answer text NOT NULL,
  tags text[] NOT NULL DEFAULT '{}',
  policy_ids uuid[] NOT NULL DEFAULT '{}',
  published boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  grams text[] GENERATED ALWAYS AS (hx_grams(question || ' ' || answer)) STORED
);
CREATE INDEX qa_grams_idx ON qa USING gin (grams);

-- 体检报告 an enterprise user kept: their answers and the report as it was computed then.
CREATE TABLE selfcheck_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  enterprise_id uuid REFERENCES enterprises (id),
  answers jsonb NOT NULL,
  report jsonb NOT NULL,
  score integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX selfcheck_reports_user_idx ON selfcheck_reports (user_id, created_at DESC);
