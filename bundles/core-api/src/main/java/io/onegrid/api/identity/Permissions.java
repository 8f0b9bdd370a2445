package io.onegrid.api.identity;

/** Permission names of the core. Plugins name theirs {@code <plugin>.<action>}, e.g. {@code flood.acknowledge}. */
public final class Permissions {

    public static final String REGION_READ = "region.read";
    public static final String REGION_WRITE = "region.write";
    public static final String DEPARTMENT_READ = "department.read";
    public static final String DEPARTMENT_WRITE = "department.write";
    public static final String USER_READ = "user.read";
    public static final String USER_WRITE = "user.write";
    public static final String ROLE_READ = "role.read";
    public static final String ROLE_WRITE = "role.write";
    public static final String TOKEN_READ = "token.read";
    public static final String TOKEN_WRITE = "token.write";
    public static final String SETTINGS_READ = "settings.read";
    public static final String SETTINGS_WRITE = "settings.write";
    public static final String AUDIT_READ = "audit.read";
    /** Read residents, households and houses; ID numbers stay masked. */
    public static final String RESIDENT_READ = "resident.read";
    public static final String RESIDENT_WRITE = "resident.write";
    /** See a resident's whole ID number; every use is audited. */
    public static final String RESIDENT_ID_REVEAL = "resident.id.reveal";
    /** Read collection forms and the records submitted against them. */
    public static final String FORM_READ = "form.read";
    /** Define and revise collection forms (their JSON Schema) and choose with whom they are shared. */
    public static final String FORM_DEFINE = "form.define";
    /** Submit and revise records of a collection form. */
    public static final String FORM_SUBMIT = "form.submit";
    /** See work orders in scope, their trail and linked reports. */
    public static final String WORKORDER_READ = "workorder.read";
    /** Submit work orders through a channel (hotline entry, patrol, API); anonymous QR reports need none. */
    public static final String WORKORDER_SUBMIT = "workorder.submit";
    /** Handle dispatched orders: start, return, resolve, request a suspension. */
    public static final String WORKORDER_HANDLE = "workorder.handle";
    /** The command centre: accept, reject, dispatch, verify (revisit), rate on the reporter's behalf, close, reopen. */
    public static final String WORKORDER_DISPATCH = "workorder.dispatch";
    /** Supervise: approve or deny suspensions, resume. */
    public static final String WORKORDER_SUPERVISE = "workorder.supervise";
    /** Edit the work-order categories. */
    public static final String CATEGORY_WRITE = "category.write";
    /** Edit the routing rules (category and region to department). */
    public static final String ROUTING_WRITE = "routing.write";
    /** Edit the county's working-day calendar (holidays, worked weekend days); reading needs workorder.read. */
    public static final String CALENDAR_WRITE = "calendar.write";
    /** Run the SLA scan now (drills, tests, operations); it also runs by itself on every node. */
    public static final String WORKORDER_SLA_SCAN = "workorder.sla-scan";

    private Permissions() {
    }
}
