package io.onegrid.address.internal.collect;

import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.region.RegionLevel;
import io.onegrid.api.security.Caller;
import io.onegrid.api.security.DataScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.persistence.Query;

/**
 * Three-level sharing (三级共享) of a collection form: who may see a form, submit records and read records.
 *
 * <p>A form is owned by a region {@code O} (a county, town or village). Its owner lists the levels below {@code O}
 * that may submit ({@code entry}) and those that may read records ({@code query}), e.g.
 * {@code {"entry":["grid","village"],"query":["town","village","grid"]}}. Each root {@code R} of the caller's data
 * scope (a micro-grid counts as a grid) gets rights on its own:
 * <ul>
 *   <li>{@code R = O} (the owner's own level): entry and query;</li>
 *   <li>{@code R} above {@code O} (a superior, e.g. the county for a town's form): query only, for oversight;</li>
 *   <li>{@code R} below {@code O}: entry when {@code R}'s level is listed in {@code entry}, query when it is listed in
 *       {@code query};</li>
 *   <li>{@code R} beside {@code O} (another town, another village): nothing.</li>
 * </ul>
 * A caller sees a form when some root has entry or query. Records are limited further by the record's
 * {@code scope_code} (its subject's grid or village): a caller reads the records below the roots that have query,
 * and submits or revises records only about subjects below the roots that have entry, and below {@code O}. So a grid
 * worker of one grid never sees another grid's records, even with query granted to grids. A department-only scope
 * (no region roots) gets nothing; OneGrid itself ({@link DataScope#unrestricted()}) acts as the owner.
 */
final class FormSharing {

    /** What a root may do with a form's records. */
    enum Right { ENTRY, QUERY }

    /** The levels a form can share with, in the order they are listed. */
    static final List<RegionLevel> SHAREABLE = List.of(RegionLevel.TOWN, RegionLevel.VILLAGE, RegionLevel.GRID);

    /** The levels that can own a form. */
    static final Set<RegionLevel> OWNERS = EnumSet.of(RegionLevel.COUNTY, RegionLevel.TOWN, RegionLevel.VILLAGE);

    private final RegionCode owner;
    private final Set<RegionLevel> entry;
    private final Set<RegionLevel> query;

    FormSharing(RegionCode owner, Collection<RegionLevel> entry, Collection<RegionLevel> query) {
        this.owner = owner;
        this.entry = entry.isEmpty() ? EnumSet.noneOf(RegionLevel.class) : EnumSet.copyOf(entry);
        this.query = query.isEmpty() ? EnumSet.noneOf(RegionLevel.class) : EnumSet.copyOf(query);
    }

    /** From the stored columns ({@code ,grid,village,}). */
    static FormSharing stored(String ownerRegion, String entryLevels, String queryLevels) {
        return new FormSharing(RegionCode.parse(ownerRegion), decode(entryLevels), decode(queryLevels));
    }

    RegionCode owner() {
        return owner;
    }

    List<String> entryNames() {
        return names(entry);
    }

    List<String> queryNames() {
        return names(query);
    }

    String entryColumn() {
        return encode(entry);
    }

    String queryColumn() {
        return encode(query);
    }

    /** Whether one root of a caller's scope has the right. */
    boolean grants(RegionCode root, Right right) {
        if (root.contains(owner)) {
            return root.equals(owner) || right == Right.QUERY;
        }
        if (owner.contains(root)) {
            return (right == Right.ENTRY ? entry : query).contains(levelOf(root));
        }
        return false;
    }

    /** Whether the caller sees the form at all. */
    boolean visibleTo(Caller caller) {
        return !scopeFor(caller, Right.ENTRY).isEmpty() || !scopeFor(caller, Right.QUERY).isEmpty();
    }

    /**
     * The part of the caller's scope in which it has the right: the records it may read ({@link Right#QUERY}) or the
     * subjects it may submit about ({@link Right#ENTRY}). Empty when the right is not granted at all.
     */
    DataScope scopeFor(Caller caller, Right right) {
        if (caller.scope().isUnrestricted()) {
            return DataScope.ofRegion(owner);
        }
        List<RegionCode> roots = new ArrayList<>();
        for (RegionCode root : caller.scope().regionRoots()) {
            if (grants(root, right)) {
                roots.add(root);
            }
        }
        return DataScope.of(roots, List.of());
    }

    static RegionLevel levelOf(RegionCode root) {
        return root.level() == RegionLevel.MICROGRID ? RegionLevel.GRID : root.level();
    }

    /**
     * Checks an owner and its sharing lists as given in a request body.
     *
     * @param at JSON pointer of the sharing object in the body, e.g. {@code /sharing}
     * @return the violations, empty when both are fine; then {@link #parse} succeeds
     */
    static List<Violation> check(String ownerRegion, List<String> entryLevels, List<String> queryLevels, String at,
            Locale locale) {
        List<Violation> violations = new ArrayList<>();
        RegionCode owner = RegionCode.tryParse(ownerRegion).orElse(null);
        if (owner != null && !OWNERS.contains(owner.level())) {
            owner = null; // its levels are then checked by name only
        }
        if (owner == null) {
            violations.add(Violation.ofField("/ownerRegion", Texts.of(locale,
                    "must be the 12-digit code of a county, town or village", "应为县、镇（街道）或村（社区）的 12 位代码")));
        }
        checkLevels(owner, entryLevels, at + "/entry", violations, locale);
        checkLevels(owner, queryLevels, at + "/query", violations, locale);
        return violations;
    }

    private static void checkLevels(RegionCode owner, List<String> levels, String at, List<Violation> violations,
            Locale locale) {
        if (levels == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < levels.size(); i++) {
            String name = levels.get(i);
            RegionLevel level = byName(name);
            if (level == null) {
                violations.add(Violation.ofField(at + "/" + i, Texts.of(locale,
                        "must be one of town, village, grid", "应为 town、village 或 grid 之一")));
            } else if (!seen.add(name)) {
                violations.add(Violation.ofField(at + "/" + i, Texts.of(locale, "is listed twice", "重复列出")));
            } else if (owner != null && level.compareTo(owner.level()) <= 0) {
                violations.add(Violation.ofField(at + "/" + i, Texts.of(locale,
                        "is not below the owner's level (" + name(owner.level()) + ")",
                        "不低于所属区划的层级（" + name(owner.level()) + "）")));
            }
        }
    }

    /** Builds the sharing of a body that {@link #check} accepted. */
    static FormSharing parse(String ownerRegion, List<String> entryLevels, List<String> queryLevels) {
        return new FormSharing(RegionCode.parse(ownerRegion), levels(entryLevels), levels(queryLevels));
    }

    private static List<RegionLevel> levels(List<String> names) {
        return names == null ? List.of() : names.stream().map(FormSharing::byName).toList();
    }

    private static RegionLevel byName(String name) {
        for (RegionLevel level : SHAREABLE) {
            if (name(level).equals(name)) {
                return level;
            }
        }
        return null;
    }

    static String name(RegionLevel level) {
        return level.name().toLowerCase(Locale.ROOT);
    }

    private static List<String> names(Set<RegionLevel> levels) {
        return SHAREABLE.stream().filter(levels::contains).map(FormSharing::name).toList();
    }

    private static String encode(Set<RegionLevel> levels) {
        return "," + String.join(",", names(levels)) + (levels.isEmpty() ? "" : ",");
    }

    private static List<RegionLevel> decode(String column) {
        List<RegionLevel> levels = new ArrayList<>();
        for (String part : column.split(",")) {
            RegionLevel level = byName(part);
            if (level != null) {
                levels.add(level);
            }
        }
        return levels;
    }

    /**
     * The JPQL condition, over a {@code FormEntity} aliased {@code f}, that holds for exactly the forms
     * {@link #visibleTo} the caller: owned at or below one of its roots, or owned above a root whose level is listed
     * in entry or query. Parameters are bound, never spliced in.
     */
    static Filter visibleFormsFilter(Caller caller) {
        if (caller.scope().isUnrestricted()) {
            return new Filter("(1 = 1)", Map.of());
        }
        List<String> terms = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        int i = 0;
        for (RegionCode root : caller.scope().regionRoots()) {
            String below = "formBelow" + i;
            terms.add("f.ownerRegion LIKE :" + below);
            params.put(below, root.prefix() + "%");
            List<String> above = new ArrayList<>();
            for (RegionCode up = root.parent().orElse(null); up != null; up = up.parent().orElse(null)) {
                if (OWNERS.contains(up.level())) {
                    above.add(up.value());
                }
            }
            if (!above.isEmpty()) {
                String owners = "formAbove" + i;
                String level = "formLevel" + i;
                terms.add("(f.ownerRegion IN :" + owners + " AND (f.entryLevels LIKE :" + level
                        + " OR f.queryLevels LIKE :" + level + "))");
                params.put(owners, above);
                params.put(level, "%," + name(levelOf(root)) + ",%");
            }
            i++;
        }
        return terms.isEmpty() ? new Filter("(1 = 0)", Map.of())
                : new Filter("(" + String.join(" OR ", terms) + ")", params);
    }

    /** A JPQL condition and its parameters. */
    record Filter(String jpql, Map<String, Object> parameters) {

        <Q extends Query> Q bind(Q q) {
            parameters.forEach(q::setParameter);
            return q;
        }
    }
}
