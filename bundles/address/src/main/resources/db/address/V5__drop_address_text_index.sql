-- og_address_text never served a query: text search is LIKE '%q%' (no B-tree helps) or, since the bigram index, in
-- memory. Keeping it cost about a third of the bulk-import time (measured: docs/benchmarks.md, Address registry).
DROP INDEX og_address_text;
