-- Lists read a page in two steps: the ids of the page from an index alone (no table row is read to sort thousands of
-- matches by creation time), then the page's twenty rows. For that the two indexes lists name most carry the id as
-- their last column. Rebuilt under the same names, so that the kernel's index choice (WorkOrderKernel.listIndex)
-- stays valid. Portable Derby + PostgreSQL.
DROP INDEX og_workorder_state_category;
CREATE INDEX og_workorder_state_category ON og_workorder (state, category_code, region_code, created_at, id);
DROP INDEX og_workorder_region_created;
CREATE INDEX og_workorder_region_created ON og_workorder (region_code, created_at, id);
