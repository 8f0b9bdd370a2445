package io.onegrid.api.security;

import io.onegrid.api.region.RegionCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What part of the county a caller may see and change: the subtrees below some region nodes (三级共享: a town
 * operator holds the town, a grid worker the grid), plus the items assigned to some departments (a water-department
 * handler sees the water department's items wherever they are). An item is visible when its region lies in one of the
 * subtrees or its department is one of the departments.
 *
 * <p>Scopes combine by union ({@link #union}); a scope is kept minimal (no root inside another root), so that
 * equal scopes compare equal and filters stay short.
 */
public final class DataScope {

    private static final DataScope NONE = new DataScope(Set.of(), Set.of(), false);
    private static final DataScope UNRESTRICTED = new DataScope(Set.of(), Set.of(), true);

    private final Set<RegionCode> regionRoots;
    private final Set<String> departments;
    private final boolean unrestricted;

    private DataScope(Set<RegionCode> regionRoots, Set<String> departments, boolean unrestricted) {
        this.regionRoots = regionRoots;
        this.departments = departments;
        this.unrestricted = unrestricted;
    }

    /** Sees nothing. */
    public static DataScope none() {
        return NONE;
    }

    /** Sees everything: for the system itself (migrations, timers), never for a person. */
    public static DataScope unrestricted() {
        return UNRESTRICTED;
    }

    public static DataScope ofRegion(RegionCode root) {
        return of(List.of(root), List.of());
    }

    public static DataScope ofDepartment(String department) {
        return of(List.of(), List.of(department));
    }

    public static DataScope of(Collection<RegionCode> roots, Collection<String> departments) {
        TreeSet<RegionCode> minimal = new TreeSet<>();
        for (RegionCode candidate : roots) {
            boolean covered = false;
            for (RegionCode other : roots) {
                if (!other.equals(candidate) && other.contains(candidate)) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                minimal.add(candidate);
            }
        }
        TreeSet<String> depts = new TreeSet<>();
        for (String d : departments) {
            if (d != null && !d.isBlank()) {
                depts.add(d);
            }
        }
        return minimal.isEmpty() && depts.isEmpty() ? NONE
                : new DataScope(Collections.unmodifiableSet(minimal), Collections.unmodifiableSet(depts), false);
    }

    /** Everything either scope sees. */
    public DataScope union(DataScope other) {
        if (unrestricted || other.unrestricted) {
            return UNRESTRICTED;
        }
        List<RegionCode> roots = new ArrayList<>(regionRoots);
        roots.addAll(other.regionRoots);
        List<String> depts = new ArrayList<>(departments);
        depts.addAll(other.departments);
        return of(roots, depts);
    }

    /** The topmost region nodes whose subtrees are visible. */
    public Set<RegionCode> regionRoots() {
        return regionRoots;
    }

    /** Departments whose items are visible wherever they are. */
    public Set<String> departments() {
        return departments;
    }

    public boolean isUnrestricted() {
        return unrestricted;
    }

    public boolean isEmpty() {
        return !unrestricted && regionRoots.isEmpty() && departments.isEmpty();
    }

    /** Whether the region (and everything below it) is inside one of the visible subtrees. */
    public boolean coversRegion(RegionCode region) {
        if (unrestricted) {
            return true;
        }
        for (RegionCode root : regionRoots) {
            if (root.contains(region)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an item located at {@code region} (may be null) and assigned to {@code department} (may be null) is visible. */
    public boolean covers(RegionCode region, String department) {
        return unrestricted || (region != null && coversRegion(region)) || coversDepartment(department);
    }

    /** Whether items assigned to {@code department} (may be null: assigned to none) are visible wherever they are. */
    public boolean coversDepartment(String department) {
        return unrestricted || (department != null && departments.contains(department));
    }

    /** Whether every item this scope sees, {@code this} sees too. */
    public boolean includes(DataScope other) {
        if (unrestricted) {
            return true;
        }
        if (other.unrestricted) {
            return false;
        }
        for (RegionCode root : other.regionRoots) {
            if (!coversRegion(root)) {
                return false;
            }
        }
        return departments.containsAll(other.departments);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataScope s && s.unrestricted == unrestricted && s.regionRoots.equals(regionRoots)
                && s.departments.equals(departments);
    }

    @Override
    public int hashCode() {
        return regionRoots.hashCode() * 31 + departments.hashCode() + (unrestricted ? 1 : 0);
    }

    @Override
    public String toString() {
        return unrestricted ? "DataScope[unrestricted]" : "DataScope[regions=" + regionRoots + ", departments="
                + departments + "]";
    }
}
