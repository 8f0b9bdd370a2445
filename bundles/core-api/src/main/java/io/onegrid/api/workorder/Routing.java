package io.onegrid.api.workorder;

/**
 * How intake routed an order. Kept as it was decided, so that a later rule change never rewrites history.
 *
 * @param gridCode      the grid that contains the place, or {@code null} when none does
 * @param commandCentre the town whose command centre triages it (the town of the place), or {@code null} when the
 *                      place is known only at county level
 * @param department    the responsible department the rules chose, or {@code null} for the command centre
 * @param assignee      the grid worker of the grid (user name), or {@code null} when the grid has none
 * @param source        {@code RULE} (a routing rule chose the department), {@code CATEGORY} (the category's default
 *                      department), or {@code COMMAND_CENTRE} (no department)
 * @param ruleId        the routing rule that matched, or {@code null}
 * @param ruleVersion   that rule's version, or {@code null}
 * @param note          why the route fell back, when it did (e.g. "no grid worker in grid ..."), or {@code null}
 */
public record Routing(String gridCode, String commandCentre, String department, String assignee, String source,
        Long ruleId, Integer ruleVersion, String note) {

    public static final String SOURCE_RULE = "RULE";
    public static final String SOURCE_CATEGORY = "CATEGORY";
    public static final String SOURCE_COMMAND_CENTRE = "COMMAND_CENTRE";
}
