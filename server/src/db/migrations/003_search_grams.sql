-- Chinese substring search without a word segmenter. pg_trgm drops CJK characters (show_trgm('经济补偿')
-- is empty under the C and builtin locales), so texts are indexed by their characters and character pairs
-- (unigrams and bigrams, upper-cased so codes match in any case) in a text[] with a GIN index:
--   WHERE grams @> hx_query_grams($q) AND <column> LIKE '%' || $q || '%'
-- The array test narrows to candidates through the index; LIKE confirms the exact substring.
-- Both functions are IMMUTABLE so they can feed generated columns and expression indexes.

CREATE FUNCTION hx_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}')
    FROM (SELECT upper(t) AS u) s,
         LATERAL (
           SELECT substr(u, i, 1) AS g FROM generate_series(1, char_length(u)) AS i
           UNION ALL
           SELECT substr(u, i, 2) FROM generate_series(1, char_length(u) - 1) AS i
         ) grams
   WHERE g !~ '\s'
$$;

-- The grams a query must contain: its character pairs (a single character stands for itself).
CREATE FUNCTION hx_query_grams(q text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT CASE
    WHEN char_length(u) <= 1 THEN ARRAY[u]
    ELSE coalesce((SELECT array_agg(DISTINCT substr(u, i, 2))
                     FROM generate_series(1, char_length(u) - 1) AS i
                    WHERE substr(u, i, 2) !~ '\s'), '{}')
  END
  FROM (SELECT upper(btrim(q)) AS u) s
$$;
