-- The mediation inbox and statistics at a million cases (bench/RESULTS.md, "mediation").
--
-- Measured over 1,000,000 cases: a city's inbox sorted all its 350,000 cases to show the first page (3.5 s), a
-- search by name or tracking code read the whole table, a city's statistics read a third of the table's pages
-- and province statistics all of them. Each index below is used by the list or the statistics of
-- mediation.repository.ts as written there.

-- 1. Statistics read a region's cases of a period from the (region_code, received_on) index alone: it carries
--    every column they count, so the table's pages are not visited (a city's year: 119,000 entries instead of
--    reading ~23,000 heap pages). The key is unchanged: the register's newest-first order still uses it.
DROP INDEX mediation_cases_received_idx;
CREATE INDEX mediation_cases_received_idx ON mediation_cases (region_code, received_on DESC, id DESC)
  INCLUDE (org_id, status, accepted_on, closed_on, acceptance_due, effective_due, claim_amount, dispute_types);

-- 2. The inbox's open cases in its order: the deadline each waits on (PENDING_DUE in the repository), then newest
--    first. Region and organisation are key columns so that a scope of many regions, or one organisation, is
--    tested in the index; the due-soon and overdue views are a range of it, counted from the index alone (the
--    columns of the expression are included: without them PostgreSQL visits the table to recompute it). About 1.5%
--    of the cases are open. (019's mediation_cases_pending_due_idx, for the daily warning scan, is this index's
--    first column alone.)
CREATE INDEX mediation_cases_open_due_idx ON mediation_cases (
  (CASE status WHEN 'received' THEN acceptance_due ELSE effective_due END), received_on DESC, id DESC, region_code,
  org_id
) INCLUDE (status, acceptance_due, effective_due) WHERE status IN ('received', 'accepted', 'in_mediation');

-- 3. The closed cases newest first over all regions: the page after a city's or the province's open cases stops
--    after a page of matches instead of sorting every closed case of the scope.
CREATE INDEX mediation_cases_closed_idx ON mediation_cases (received_on DESC, id DESC, region_code, org_id)
  WHERE status NOT IN ('received', 'accepted', 'in_mediation');

-- 4. One organisation's inbox within the caller's regions from the index alone: its open cases (status, then the
--    deadline columns included) and its closed ones newest first, counted without visiting the table. The
--    statistics tell the planner that an organisation decides its region: it multiplied the two selectivities,
--    expected 18 of an organisation's 1,976 cases in its county and fetched them all from the table to sort them.
DROP INDEX mediation_cases_org_idx;
CREATE INDEX mediation_cases_org_idx ON mediation_cases (org_id, status, region_code, received_on DESC, id DESC)
  INCLUDE (acceptance_due, effective_due);
CREATE STATISTICS mediation_cases_org_region (dependencies) ON org_id, region_code FROM mediation_cases;

-- 5. The inbox's search (q: tracking code, applicant, respondent) by characters and character pairs (hx_grams,
--    003) plus the region tokens of 010 ('@' + the region's code, '@' + its prefecture's): a search in a county or
--    a city intersects the word with the region in the index. LIKE confirms the substring, the exact region test
--    stays in the query.
CREATE INDEX mediation_cases_search_idx ON mediation_cases USING gin ((
  hx_grams(tracking_code || ' ' || applicant_name || ' ' || respondent_name)
  || ARRAY['@' || region_code, '@' || left(region_code, 4) || '00']
));
