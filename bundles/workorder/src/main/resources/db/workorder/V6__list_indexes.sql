-- Indexes for the SLA scan and the filtered work-order lists, found missing by the work-order bench
-- (benchmarks/.../WorkOrderBench, docs/benchmarks.md "Work orders") with 1,000,000 orders in og_workorder.

-- (The SLA scan's (state, deadline) index already came with V5.)

-- The dispatcher's list: state + category (a minor code, or a major one as a prefix) + region (a prefix). Each of
-- the single-column indexes of V1 leaves a tenth or more of the table to read row by row; this one narrows the range
-- to the state and category and checks the region inside the index, so only matching orders are read.
CREATE INDEX og_workorder_state_category ON og_workorder (state, category_code, region_code, created_at);
