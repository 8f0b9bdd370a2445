package io.onegrid.testkit;

import io.onegrid.api.identity.Roles;

/** One demo account per role, as booted by the distribution; every one signs in with {@link DemoCounty#PASSWORD}. */
public enum DemoUser {

    /** County administrator: every permission, the whole county. */
    ADMIN("admin", Roles.COUNTY_ADMIN, DemoCounty.COUNTY),
    /** Leader of town 1. */
    LEADER1("leader1", Roles.TOWN_LEADER, DemoCounty.TOWN1),
    /** Command-centre operator of town 1. */
    OPERATOR1("operator1", Roles.TOWN_OPERATOR, DemoCounty.TOWN1),
    /** Command-centre operator of town 2: sees nothing of town 1. */
    OPERATOR2("operator2", Roles.TOWN_OPERATOR, DemoCounty.TOWN2),
    /** Grid worker of {@link DemoCounty#GRID1}. */
    GRIDWORKER1("gridworker1", Roles.GRID_WORKER, DemoCounty.GRID1),
    /** Grid worker of {@link DemoCounty#GRID2}: another grid of the same town. */
    GRIDWORKER2("gridworker2", Roles.GRID_WORKER, DemoCounty.GRID2),
    /** Handler of the water department, wherever its items are (no region). */
    WATER1("water1", Roles.DEPARTMENT_HANDLER, null),
    /** Mediator of town 1. */
    MEDIATOR1("mediator1", Roles.MEDIATOR, DemoCounty.TOWN1),
    /** Read-only auditor of the county. */
    AUDITOR("auditor", Roles.AUDITOR, DemoCounty.COUNTY);

    private final String username;
    private final String role;
    private final String region;

    DemoUser(String username, String role, String region) {
        this.username = username;
        this.role = role;
        this.region = region;
    }

    /** The account's user name. */
    public String username() {
        return username;
    }

    /** The account's role, one of {@link Roles}. */
    public String role() {
        return role;
    }

    /** The region code of the account's scope, or {@code null} for a department-only scope. */
    public String region() {
        return region;
    }
}
