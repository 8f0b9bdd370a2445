package io.onegrid.workorder.internal;

import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.paging.SortOrder;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.Caller;
import io.onegrid.api.security.DataScope;
import io.onegrid.api.workorder.WorkOrder;
import io.onegrid.persistence.api.ScopeFilter;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.persistence.EntityManager;
import javax.persistence.Query;

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

    /** The columns behind the paths the list's conditions and sorts use. */
    private static final Map<String, String> COLUMNS = Map.ofEntries(Map.entry("id", "id"),
            Map.entry("regionCode", "region_code"), Map.entry("department", "department"), Map.entry("state", "state"),
            Map.entry("categoryCode", "category_code"), Map.entry("channel", "channel"),
            Map.entry("assignee", "assignee"), Map.entry("createdAt", "created_at"),
            Map.entry("updatedAt", "updated_at"), Map.entry("description", "description"),
            Map.entry("number", "wo_number"), Map.entry("deadline", "deadline"), Map.entry("level", "wo_level"),
            Map.entry("createdBy", "created_by"), Map.entry("createdByKind", "created_by_kind"));
    private static final Pattern PATH = Pattern.compile("\\bo\\.(\\w+)");
    private static final Pattern PARAMETER = Pattern.compile(":(\\w+)");

    /** One of the disjoint parts, and the index that serves it (null: the database's choice). */
    private record Part(String condition, String index) {
    }

    private final String filters;
    private final Map<String, Object> params;
    private final List<SortOrder> sort;
    private final String scopeIndex;

    /**
     * @param filters    the filter's conditions, each starting with {@code " AND "}, on the alias {@code o}
     * @param params     their parameters
     * @param scopeIndex the index for the part in the caller's scope, or null (see {@link WorkOrderKernel#list})
     */
    OrderListQuery(String filters, Map<String, Object> params, List<SortOrder> sort, String scopeIndex) {
        this.filters = filters;
        this.params = params;
        this.sort = sort;
        this.scopeIndex = scopeIndex;
    }

    Page<WorkOrder> run(EntityManager em, Caller caller, PageRequest page, Function<WorkOrderEntity, WorkOrder> view) {
        ScopeFilter scope = ScopeFilter.where(caller.scope(), "o.regionCode", "o.department");
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.putAll(scope.parameters());
        List<Part> parts = new ArrayList<>();
        parts.add(new Part(scope.jpql(), scopeIndex));
        if (!caller.scope().isUnrestricted()) {
            p.put("me", caller.name());
            p.put("meKind", caller.kind().name());
            boolean user = caller.kind() == Caller.Kind.USER;
            String outsideDepartments = caller.scope().departments().isEmpty() ? ""
                    : " AND (o.department IS NULL OR o.department NOT IN :scopeDepartments)";
            List<String> gaps = gaps(caller.scope(), p);
            for (String gap : gaps) {
                if (user) {
                    parts.add(new Part("o.assignee = :me AND " + gap + outsideDepartments,
                            "og_workorder_assignee_region"));
                }
            }
            for (String gap : gaps) {
                parts.add(new Part("o.createdBy = :me AND " + gap + " AND o.createdByKind = :meKind"
                        + outsideDepartments + (user ? " AND (o.assignee IS NULL OR o.assignee <> :me)" : ""),
                        "og_workorder_creator_region"));
            }
        }
        long total = 0;
        List<Part> nonEmpty = new ArrayList<>();
        for (Part part : parts) {
            long count = ((Number) query(em, "SELECT COUNT(*)", part, "", p, null).getSingleResult()).longValue();
            total += count;
            if (count > 0) {
                nonEmpty.add(part);
            }
        }
        int offset = (int) Math.min(page.offset(), Integer.MAX_VALUE - page.size());
        if (nonEmpty.size() <= 1) {
            List<WorkOrder> rows = nonEmpty.isEmpty() ? List.of() : fetch(em, ids(em, nonEmpty.get(0), p)
                    .setFirstResult(offset).setMaxResults(page.size())).stream().map(view).toList();
            return Page.of(rows, total, page);
        }
        List<WorkOrder> merged = new ArrayList<>();
        for (Part part : nonEmpty) {
            fetch(em, ids(em, part, p).setMaxResults(offset + page.size())).stream().map(view).forEach(merged::add);
        }
        merged.sort(comparator());
        List<WorkOrder> rows = merged.subList(Math.min(offset, merged.size()),
                Math.min(offset + page.size(), merged.size()));
        return Page.of(List.copyOf(rows), total, page);
    }

    /**
     * The rows of a page's ids, in the ids' order. The ids come from an index alone where the list's index carries
     * them (V10): sorting thousands of matches then reads no table row, and only the page's rows are read here.
     */
    private static List<WorkOrderEntity> fetch(EntityManager em, Query ids) {
        List<Long> order = new ArrayList<>();
        for (Object id : ids.getResultList()) {
            order.add(((Number) id).longValue());
        }
        if (order.isEmpty()) {
            return List.of();
        }
        Map<Long, WorkOrderEntity> byId = new HashMap<>();
        em.createQuery("SELECT o FROM WorkOrderEntity o WHERE o.id IN :ids", WorkOrderEntity.class)
                .setParameter("ids", order).getResultList().forEach(o -> byId.put(o.id(), o));
        List<WorkOrderEntity> rows = new ArrayList<>();
        for (Long id : order) {
            WorkOrderEntity o = byId.get(id);
            if (o != null) { // deleted between the two reads: no order is deleted, but a page need not fail
                rows.add(o);
            }
        }
        return rows;
    }

    private Query ids(EntityManager em, Part part, Map<String, Object> p) {
        List<String> order = new ArrayList<>();
        for (SortOrder s : sort) {
            order.add("o." + s.property() + (s.descending() ? " DESC" : ""));
        }
        if (order.isEmpty()) {
            order.add("o.createdAt DESC");
        }
        order.add("o.id DESC");
        return query(em, "SELECT o.id", part, " ORDER BY " + String.join(", ", order), p, null);
    }

    /**
     * The part as SQL rather than JPQL, for one reason: Derby's optimizer, which cannot tell that most orders are
     * CLOSED or that a county's region range holds every row, picks the wrong one of the order table's indexes for
     * some filters (a count over (state, deadline) reading 850,000 rows, where the (state, category, region, created)
     * index reads 60,000 index entries). The part names its index in a Derby optimizer comment, which PostgreSQL, with
     * its own statistics, reads as the comment it is. Paths become columns, named parameters positional ones, a
     * collection parameter one placeholder per element.
     */
    private Query query(EntityManager em, String select, Part part, String orderBy, Map<String, Object> p,
            Class<?> entity) {
        String jpql = part.condition() + filters + orderBy;
        StringBuilder sql = new StringBuilder(select.replace("o.", "t0.")).append(" FROM og_workorder t0");
        if (part.index() != null) {
            sql.append(" --DERBY-PROPERTIES index=").append(part.index()).append('\n');
        }
        sql.append(" WHERE ");
        List<Object> values = new ArrayList<>();
        Matcher m = PARAMETER.matcher(columns(jpql));
        StringBuilder where = new StringBuilder();
        while (m.find()) {
            Object value = p.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for :" + m.group(1));
            }
            if (value instanceof Collection<?> many) {
                m.appendReplacement(where, "(" + String.join(", ", Collections.nCopies(many.size(), "?")) + ")");
                many.forEach(v -> values.add(sqlValue(v)));
            } else {
                m.appendReplacement(where, "?");
                values.add(sqlValue(value));
            }
        }
        m.appendTail(where);
        sql.append(where);
        Query q = entity == null ? em.createNativeQuery(sql.toString()) : em.createNativeQuery(sql.toString(), entity);
        for (int i = 0; i < values.size(); i++) {
            q.setParameter(i + 1, values.get(i));
        }
        return q;
    }

    private static String columns(String jpql) {
        Matcher m = PATH.matcher(jpql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String column = COLUMNS.get(m.group(1));
            if (column == null) {
                throw new IllegalArgumentException("no column for o." + m.group(1));
            }
            m.appendReplacement(out, "t0." + column);
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Object sqlValue(Object value) {
        return value instanceof Date d && !(value instanceof Timestamp) ? new Timestamp(d.getTime()) : value;
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
