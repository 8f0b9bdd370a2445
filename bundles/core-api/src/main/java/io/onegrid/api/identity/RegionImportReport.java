package io.onegrid.api.identity;

/**
 * The outcome of a region import that was kept whole.
 *
 * @param lines   data lines read (without the header)
 * @param created regions added
 */
public record RegionImportReport(int lines, int created) {
}
