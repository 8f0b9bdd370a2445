package io.onegrid.workorder.internal;

/**
 * An event category as the API shows it and takes it.
 *
 * @param code         2 digits for a major category, 4 (its major's code + 2) for a minor one
 * @param parentCode   the major's code for a minor category, {@code null} for a major one
 * @param department   responsible department code, {@code null} for the town command centre
 * @param defaultLevel 1 (general) to 4 (most severe): the level of new orders
 * @param slaKind      which clock new orders get
 * @param slaDays      the limit in working days of a {@link SlaKind#ROUTINE} category (1 to 60), else {@code null}
 * @param enabled      disabled categories take no new reports; existing orders keep them
 * @param version      optimistic-lock version; send it back with a change
 */
public record Category(String code, String parentCode, String nameZh, String nameEn, String department,
        int defaultLevel, SlaKind slaKind, boolean enabled, long version, Integer slaDays) {

    /** A category of a kind without a day limit of its own. */
    public Category(String code, String parentCode, String nameZh, String nameEn, String department, int defaultLevel,
            SlaKind slaKind, boolean enabled, long version) {
        this(code, parentCode, nameZh, nameEn, department, defaultLevel, slaKind, enabled, version, null);
    }
}
