-- The enterprise search, continued (decision 005).
--
-- 1. An industry-section token in the grams: '#' + the section letter + '#' (three characters: a text gram has at
--    most two, so they never meet). A search with a section filter adds it to the grams it asks for, as with the
--    region tokens of 010: the GIN index intersects the word with the section instead of ANDing a bitmap of the
--    section's every row (商贸 in section F: 155,000 rows of the section index for 31,000 matches, 49 ms; all of
--    them were in F anyway).
DROP INDEX enterprises_grams_idx;
ALTER TABLE enterprises DROP COLUMN grams;
ALTER TABLE enterprises ADD COLUMN grams text[] GENERATED ALWAYS AS (
  hx_grams(name || ' ' || credit_code)
    || ARRAY['@' || region_code, '@' || left(region_code, 4) || '00', '#' || industry_section || '#']
) STORED;
CREATE INDEX enterprises_grams_idx ON enterprises USING gin (grams);
ALTER TABLE enterprises ALTER COLUMN grams SET STATISTICS 1000;

-- 2. The grams a long word asks for, less the common ones the caller names (the legal form's 有限/公司/股份, a
--    city's name): a full company name has fifteen pairs, and intersecting the posting lists of pairs found in
--    most rows cost 14 ms where its three rarest took 0.5 ms. LIKE still confirms every match, so leaving pairs
--    out never changes the answer; when every pair is common all of them are kept. IMMUTABLE, so the planner
--    computes it once and estimates from the grams actually asked for.
CREATE FUNCTION hx_query_grams(q text, common text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT CASE WHEN cardinality(k.kept) > 0 THEN k.kept ELSE a.grams END
    FROM (SELECT hx_query_grams(q) AS grams) a,
         LATERAL (SELECT coalesce(array_agg(g), '{}') AS kept FROM unnest(a.grams) g WHERE g <> ALL (common)) k
$$;

ANALYZE enterprises;
