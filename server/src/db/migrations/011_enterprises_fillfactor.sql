-- Room on each page of the register for its rows' updates (decision 005).
--
-- The list's newest-first walk is fast when rows lie on disk in the order they were created, as they do when a
-- register is filled over time: consecutive rows of the walk share a page. An update that changes no indexed
-- column (a head count, a phone number, an address) can stay on its row's page (a HOT update) when the page has
-- room; without room the new version moves to another page and the order decays. Pages are filled to 90%.
-- Existing pages keep their fill until they are rewritten (VACUUM FULL or CLUSTER, operations.md).
ALTER TABLE enterprises SET (fillfactor = 90);
