package io.onegrid.api.identity;

import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.region.RegionLevel;
import io.onegrid.api.security.Caller;
import java.io.InputStream;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The region tree; every call is limited to the caller's data scope. */
@ProviderType
public interface RegionService {

    /** The region, or empty when it does not exist or lies outside the caller's scope. */
    Optional<Region> find(Caller caller, String code);

    /**
     * Regions in the caller's scope, by code.
     *
     * @param parentCode only the children of this region, when not {@code null}
     * @param level      only this level, when not {@code null}
     * @param text       only names containing this text, when not blank
     */
    Page<Region> list(Caller caller, String parentCode, RegionLevel level, String text, PageRequest page);

    /**
     * Imports {@code code,name,parent_code,kind,area} lines (UTF-8, header row). The file is kept whole or not at
     * all: a code that does not fit its parent, a parent that exists neither in the tree nor in the file, a duplicate,
     * or a region outside the caller's scope is refused with a {@code validation-failed} problem listing every bad
     * line by number.
     */
    RegionImportReport importCsv(Caller caller, InputStream csv);

    /** Adds one region under an existing parent; same checks as the import. */
    Region create(Caller caller, Region region);

    /** Renames a region or changes its area kind or boundary reference; the code never changes. */
    Region update(Caller caller, String code, String name, AreaKind area, String boundaryRef);
}
