package io.onegrid.workorder.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.onegrid.workorder} ({@code etc/io.onegrid.workorder.cfg}). */
@ObjectClassDefinition(id = "io.onegrid.workorder", name = "OneGrid work-order kernel",
        description = "Intake, routing and the lifecycle of work orders")
public @interface WorkOrderConfig {

    @AttributeDefinition(name = "Reopen window (days)", min = "0",
            description = "How long after closing an order the command centre may reopen it")
    int reopenDays() default 7;

    @AttributeDefinition(name = "Anonymous reports per hour", min = "1",
            description = "How many anonymous QR reports one client address may submit per hour (per node)")
    int anonymousReportsPerHour() default 10;

    @AttributeDefinition(name = "Fallback region",
            description = "Region code of orders whose place lies in no grid and has no address; empty: the county, "
                    + "when the region tree holds exactly one")
    String fallbackRegion() default "";

    @AttributeDefinition(name = "Time zone",
            description = "Zone of order numbers, of 'the same day' for near-duplicates and of same-day deadlines")
    String timeZone() default "Asia/Shanghai";

    @AttributeDefinition(name = "Attachment types and limits",
            description = "Allowed media types of attachments with their largest size in bytes, as type=bytes "
                    + "separated by commas; the content must match the type (checked by its first bytes). Known types: "
                    + "image/jpeg, image/png, image/webp, video/mp4, audio/mpeg, audio/mp4, audio/amr")
    String attachmentTypes() default AttachmentTypes.DEFAULT_SPEC;

    @AttributeDefinition(name = "Attachment directory",
            description = "Where attachment files are stored; empty: ${karaf.data}/onegrid/attachments. Shared by "
                    + "every node of a cluster")
    String attachmentDirectory() default "";

    @AttributeDefinition(name = "Attachments per order", min = "1",
            description = "How many files one order may have")
    int attachmentsPerOrder() default 30;

    @AttributeDefinition(name = "Anonymous uploads per hour", min = "1",
            description = "How many attachments one client address may upload per hour with receipts' upload tokens "
                    + "(per node)")
    int anonymousUploadsPerHour() default 20;

    @AttributeDefinition(name = "Upload token lifetime (minutes)", min = "1",
            description = "How long the upload token of an anonymous report's receipt stays valid")
    int uploadTokenMinutes() default 120;
}
