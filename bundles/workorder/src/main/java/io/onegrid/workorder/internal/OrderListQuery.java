package io.onegrid.workorder.internal;

import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.paging.SortOrder;
import io.onegrid.api.security.Caller;
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
 * table. So it is asked as three disjoint parts, each served by its own index (the scope's region range, the
 * assignee, the creator): in scope; assigned to me and not in scope; submitted by me, not assigned to me, not in scope.
 * The last two are almost always empty. When only one part has rows, the database pages it; otherwise the first
 * {@code offset + size} rows of each part are merged here in the page's order.
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
            boolean user = caller.kind() == Caller.Kind.USER;
            if (user) {
                parts.add("o.assignee = :me AND NOT " + scope.jpql());
            }
            p.put("meKind", caller.kind().name());
            parts.add("o.createdBy = :me AND o.createdByKind = :meKind AND NOT " + scope.jpql()
                    + (user ? " AND (o.assignee IS NULL OR o.assignee <> :me)" : ""));
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
