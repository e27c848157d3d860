-- The user list orders by region, then username case-insensitively: an index in that order lets a page be read
-- straight from the index instead of sorting the region's users (bench/RESULTS.md, user-list).
CREATE INDEX users_region_username_ci_idx ON users (region_code, lower(username));
DROP INDEX users_region_idx;
