-- The enterprise search at a million rows (bench/RESULTS.md, "Enterprise search").
--
-- The list either walks the newest-first index until a page of matches is found (right for a common word) or
-- collects every match through the GIN index and sorts them (right for a rare one); which is cheaper depends
-- on how many rows match, so the planner's estimate decides between 1 ms and 2 s. And a city's search must not
-- visit every row of the city that contains a common word to count its matches.

-- 1. Region tokens in the grams: '@' + the region's code and '@' + its prefecture's code (the first four digits
--    and 00). A search within a city or a county adds its token to the grams it asks for, so the GIN index
--    intersects the word with the region instead of visiting each of the word's rows to test its region (a
--    common word in 长春市: 163 ms to 25 ms). The exact region test stays in the query: a token only narrows.
--    Tokens are 7 characters and text grams at most 2, so they never meet.
DROP INDEX enterprises_grams_idx;
ALTER TABLE enterprises DROP COLUMN grams;
ALTER TABLE enterprises ADD COLUMN grams text[] GENERATED ALWAYS AS (
  hx_grams(name || ' ' || credit_code) || ARRAY['@' || region_code, '@' || left(region_code, 4) || '00']
) STORED;
CREATE INDEX enterprises_grams_idx ON enterprises USING gin (grams);

-- 2. More character pairs in most_common_elems (up to 10,000 instead of 1,000): a brand pair such as 银森 with a
--    few hundred matches was estimated at thousands, and the planner walked 70,000 rows of the index for it.
ALTER TABLE enterprises ALTER COLUMN grams SET STATISTICS 1000;

-- 3. A histogram of upper(name), so that LIKE '%有限公司%' is estimated from real names: without it the planner
--    guessed 200 matches for 870,000 and scanned the whole table to sort them.
CREATE STATISTICS enterprises_upper_name ON (upper(name)) FROM enterprises;

-- 4. Filters by industry count from the index alone (a section in a city: 172 ms to 2 ms at 10,000 matches).
DROP INDEX enterprises_industry_idx;
CREATE INDEX enterprises_industry_idx ON enterprises (industry_code, region_code);
CREATE INDEX enterprises_section_idx ON enterprises (industry_section, region_code);
