-- Scoped lists (WorkOrderKernel.list): besides the orders in the caller's scope, a caller sees those assigned to it or
-- submitted by it outside that scope. Those are asked as "assignee = me AND region_code in a gap between my scope's
-- ranges", which these two indexes answer with a seek instead of fetching every order a busy hotline operator ever
-- submitted. They replace the single-column indexes, whose every use they also serve. Portable Derby + PostgreSQL.
CREATE INDEX og_workorder_assignee_region ON og_workorder (assignee, region_code);
CREATE INDEX og_workorder_creator_region ON og_workorder (created_by, region_code);
DROP INDEX og_workorder_assignee;
DROP INDEX og_workorder_creator;
