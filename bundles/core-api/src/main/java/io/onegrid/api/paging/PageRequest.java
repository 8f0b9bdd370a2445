package io.onegrid.api.paging;

import java.util.List;
import java.util.Set;

/**
 * Which page of a list a caller wants: 1-based page number, page size and sort keys.
 *
 * @param page 1-based page number
 * @param size items per page, 1 to {@link #MAX_SIZE}
 * @param sort sort keys, first most significant; may be empty (then the list's natural order applies)
 */
public record PageRequest(int page, int size, List<SortOrder> sort) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 500;

    public PageRequest {
        if (page < 1) {
            throw new IllegalArgumentException("page starts at 1, not " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ", not " + size);
        }
        sort = sort == null ? List.of() : List.copyOf(sort);
    }

    public static PageRequest first(int size) {
        return new PageRequest(1, size, List.of());
    }

    public static PageRequest of(int page, int size, SortOrder... sort) {
        return new PageRequest(page, size, List.of(sort));
    }

    /** Index of the first item of this page. */
    public long offset() {
        return (long) (page - 1) * size;
    }

    /**
     * Checks the sort keys against the properties a list allows, so that a caller can never sort (and thus probe) by a
     * column the list does not expose.
     *
     * @throws IllegalArgumentException naming the allowed properties
     */
    public PageRequest requireSortableBy(Set<String> allowed) {
        for (SortOrder order : sort) {
            if (!allowed.contains(order.property())) {
                throw new IllegalArgumentException("Cannot sort by '" + order.property() + "'; sortable: "
                        + allowed.stream().sorted().toList());
            }
        }
        return this;
    }
}
