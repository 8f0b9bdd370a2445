package io.onegrid.api.identity;

/** Names of the built-in roles (roles are data; counties may add their own). */
public final class Roles {

    /** 县级管理员 */
    public static final String COUNTY_ADMIN = "county-admin";
    /** 镇领导 */
    public static final String TOWN_LEADER = "town-leader";
    /** 镇综治中心 / 指挥中心操作员 */
    public static final String TOWN_OPERATOR = "town-operator";
    /** 部门处置人员 */
    public static final String DEPARTMENT_HANDLER = "department-handler";
    /** 网格长 */
    public static final String GRID_LEADER = "grid-leader";
    /** 网格员 */
    public static final String GRID_WORKER = "grid-worker";
    /** 督导员 */
    public static final String INSPECTOR = "inspector";
    /** 联络员 */
    public static final String LIAISON = "liaison";
    /** 巡查员 */
    public static final String PATROLLER = "patroller";
    /** 调解员 */
    public static final String MEDIATOR = "mediator";
    /** 审计员 (read-only) */
    public static final String AUDITOR = "auditor";

    private Roles() {
    }
}
