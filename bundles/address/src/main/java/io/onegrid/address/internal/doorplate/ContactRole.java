package io.onegrid.address.internal.doorplate;

import java.util.Arrays;
import java.util.Optional;

/** Whom a doorplate lists (一牌四员的“四员”): the JSON name, and the title printed on the plate. */
public enum ContactRole {
    VILLAGE_CADRE("village-cadre", Contact.VILLAGE_CADRE, "Village cadre"),
    POLICE_OFFICER("police-officer", Contact.POLICE_OFFICER, "Police officer"),
    AGRICULTURAL_OFFICER("agricultural-officer", Contact.AGRICULTURAL_OFFICER, "Agricultural officer"),
    GRID_WORKER("grid-worker", Contact.GRID_WORKER, "Grid worker");

    private final String slug;
    private final String titleZh;
    private final String titleEn;

    ContactRole(String slug, String titleZh, String titleEn) {
        this.slug = slug;
        this.titleZh = titleZh;
        this.titleEn = titleEn;
    }

    public String slug() {
        return slug;
    }

    public String titleZh() {
        return titleZh;
    }

    public String titleEn() {
        return titleEn;
    }

    public static Optional<ContactRole> ofSlug(String slug) {
        return Arrays.stream(values()).filter(r -> r.slug.equals(slug)).findFirst();
    }

    /** The slugs, for error messages. */
    public static String slugs() {
        return String.join(", ", Arrays.stream(values()).map(ContactRole::slug).toList());
    }
}
