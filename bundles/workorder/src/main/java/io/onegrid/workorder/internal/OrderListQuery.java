package io.onegrid.workorder.internal;

import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.paging.SortOrder;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.Caller;
import io.onegrid.api.security.DataScope;
import io.onegrid.api.workorder.WorkOrder;
import io.onegrid.persistence.api.ScopeFilter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

/**
 * One page of the orders a caller may see under some filter. What a caller sees is "in my scope, or assigned to me,
 * or submitted by me"; written as one OR, no database uses an index for it and a grid worker's list reads the whole
 * table. So it is asked as disjoint parts, each served by an index: in scope (the scope's region ranges); assigned to
 * me in each gap between those ranges ({@code (assignee, region_code)}); submitted by me, not assigned to me, in each
 * gap ({@code (created_by, region_code)}). The gaps make the last parts seeks: "submitted by me and NOT in scope" would
 * fetch every order a hotline operator ever entered to find none. When only one part has rows, the database pages
 * it; otherwise the first {@code offset + size} rows of each part are merged here in the page's order.
 */
final class OrderListQuery {

    private final String filters;
    private final Map<String, Object> params;
    private final List<SortOrder> sort;

    /**
     * @param filters the filter's conditions, each starting with {@code " AND "}, on the alias {@code o}
     * @param params  their parameters
     */
    OrderListQuery(String filters, Map<String, Object> params, List<SortOrder> sort) {
        this.filters = filters;
        this.params = params;
        this.sort = sort;
    }

    Page<WorkOrder> run(EntityManager em, Caller caller, PageRequest page, Function<WorkOrderEntity, WorkOrder> view) {
        ScopeFilter scope = ScopeFilter.where(caller.scope(), "o.regionCode", "o.department");
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.putAll(scope.parameters());
        List<String> parts = new ArrayList<>();
        parts.add(scope.jpql());
        if (!caller.scope().isUnrestricted()) {
            p.put("me", caller.name());
            p.put("meKind", caller.kind().name());
            boolean user = caller.kind() == Caller.Kind.USER;
            String outsideDepartments = caller.scope().departments().isEmpty() ? ""
                    : " AND (o.department IS NULL OR o.department NOT IN :scopeDepartments)";
            List<String> gaps = gaps(caller.scope(), p);
            for (String gap : gaps) {
                if (user) {
                    parts.add("o.assignee = :me AND " + gap + outsideDepartments);
                }
            }
            for (String gap : gaps) {
                parts.add("o.createdBy = :me AND " + gap + " AND o.createdByKind = :meKind" + outsideDepartments
                        + (user ? " AND (o.assignee IS NULL OR o.assignee <> :me)" : ""));
            }
        }
        long total = 0;
        List<String> nonEmpty = new ArrayList<>();
        for (String part : parts) {
            long count = bind(em.createQuery("SELECT COUNT(o) FROM WorkOrderEntity o WHERE " + part + filters,
                    Long.class), part, p).getSingleResult();
            total += count;
            if (count > 0) {
                nonEmpty.add(part);
            }
        }
        int offset = (int) Math.min(page.offset(), Integer.MAX_VALUE - page.size());
        if (nonEmpty.size() <= 1) {
            List<WorkOrder> rows = nonEmpty.isEmpty() ? List.of() : items(em, nonEmpty.get(0), p)
                    .setFirstResult(offset).setMaxResults(page.size()).getResultList().stream().map(view).toList();
            return Page.of(rows, total, page);
        }
        List<WorkOrder> merged = new ArrayList<>();
        for (String part : nonEmpty) {
            items(em, part, p).setMaxResults(offset + page.size()).getResultList().stream().map(view)
                    .forEach(merged::add);
        }
        merged.sort(comparator());
        List<WorkOrder> rows = merged.subList(Math.min(offset, merged.size()),
                Math.min(offset + page.size(), merged.size()));
        return Page.of(List.copyOf(rows), total, page);
    }

    /**
     * The region code ranges outside the scope's subtrees, as conditions on {@code o.regionCode}: below the first
     * subtree, between two, above the last (region codes are never null: an unplaced order belongs to its county).
     */
    static List<String> gaps(DataScope scope, Map<String, Object> params) {
        List<String[]> covered = new ArrayList<>();
        for (RegionCode root : scope.regionRoots()) {
            covered.add(new String[] {root.prefix(), ScopeFilter.prefixEnd(root.prefix())});
        }
        covered.sort(Comparator.comparing(r -> r[0]));
        List<String> gaps = new ArrayList<>();
        String from = null; // the start of the current gap; null: from the lowest code
        boolean open = true; // whether codes above the last subtree remain
        for (String[] range : covered) {
            if (!open) {
                break;
            }
            if (from == null || from.compareTo(range[0]) < 0) {
                gaps.add(gap(from, range[0], gaps.size(), params));
            }
            if (range[1] == null) {
                open = false;
            } else if (from == null || range[1].compareTo(from) > 0) {
                from = range[1];
            }
        }
        if (open) {
            gaps.add(gap(covered.isEmpty() ? null : from, null, gaps.size(), params));
        }
        return gaps;
    }

    private static String gap(String from, String to, int i, Map<String, Object> params) {
        if (from == null && to == null) {
            return "1 = 1";
        }
        if (from != null) {
            params.put("gapFrom" + i, from);
        }
        if (to != null) {
            params.put("gapTo" + i, to);
        }
        return from == null ? "o.regionCode < :gapTo" + i : to == null ? "o.regionCode >= :gapFrom" + i
                : "(o.regionCode >= :gapFrom" + i + " AND o.regionCode < :gapTo" + i + ")";
    }

    private TypedQuery<WorkOrderEntity> items(EntityManager em, String part, Map<String, Object> p) {
        List<String> order = new ArrayList<>();
        for (SortOrder s : sort) {
            order.add("o." + s.property() + (s.descending() ? " DESC" : ""));
        }
        if (order.isEmpty()) {
            order.add("o.createdAt DESC");
        }
        order.add("o.id DESC");
        return bind(em.createQuery("SELECT o FROM WorkOrderEntity o WHERE " + part + filters + " ORDER BY "
                + String.join(", ", order), WorkOrderEntity.class), part, p);
    }

    /** Binds the parameters the query names (JPA refuses parameters a query does not use). */
    private <T> TypedQuery<T> bind(TypedQuery<T> query, String part, Map<String, Object> p) {
        String text = part + filters;
        p.forEach((name, value) -> {
            if (text.matches("(?s).*:" + name + "\\b.*")) {
                query.setParameter(name, value);
            }
        });
        return query;
    }

    /** The page's order in memory, as the databases sort: nulls after every value ascending, before descending. */
    Comparator<WorkOrder> comparator() {
        Comparator<WorkOrder> c = null;
        List<SortOrder> orders = sort.isEmpty() ? List.of(new SortOrder("createdAt", true)) : sort;
        for (SortOrder s : orders) {
            Comparator<WorkOrder> one = Comparator.comparing(key(s.property()),
                    Comparator.nullsLast(Comparator.naturalOrder()));
            one = s.descending() ? one.reversed() : one;
            c = c == null ? one : c.thenComparing(one);
        }
        return c.thenComparing(Comparator.comparingLong(WorkOrder::id).reversed());
    }

    @SuppressWarnings("rawtypes")
    private static Function<WorkOrder, Comparable> key(String property) {
        return switch (property) {
            case "createdAt" -> o -> o.createdAt();
            case "updatedAt" -> o -> o.updatedAt();
            case "number" -> o -> o.number();
            case "state" -> o -> o.state().name();
            case "level" -> o -> o.level();
            case "deadline" -> o -> o.deadline();
            default -> throw new IllegalArgumentException("not sortable: " + property);
        };
    }
}
