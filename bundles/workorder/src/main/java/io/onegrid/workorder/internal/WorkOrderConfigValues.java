package io.onegrid.workorder.internal;

import io.onegrid.api.region.RegionCode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

/** {@link WorkOrderConfig} checked once, as plain values. */
record WorkOrderConfigValues(int reopenDays, int anonymousReportsPerHour, String fallbackRegion, ZoneId zone,
        AttachmentTypes attachmentTypes, Path attachmentDirectory, int attachmentsPerOrder,
        int anonymousUploadsPerHour, Duration uploadTokenLifetime) {

    static final WorkOrderConfigValues DEFAULTS = new WorkOrderConfigValues(7, 10, null, ZoneId.of("Asia/Shanghai"),
            AttachmentTypes.DEFAULTS, defaultDirectory(), 30, 20, Duration.ofMinutes(120));

    /** @throws IllegalArgumentException naming the bad setting */
    static WorkOrderConfigValues of(WorkOrderConfig c) {
        String fallback = c.fallbackRegion() == null || c.fallbackRegion().isBlank() ? null : c.fallbackRegion().strip();
        if (fallback != null && !RegionCode.isValid(fallback)) {
            throw new IllegalArgumentException("fallbackRegion is not a region code: " + fallback);
        }
        String dir = c.attachmentDirectory();
        return new WorkOrderConfigValues(Math.max(0, c.reopenDays()), Math.max(1, c.anonymousReportsPerHour()),
                fallback, ZoneId.of(c.timeZone()), AttachmentTypes.parse(c.attachmentTypes()),
                dir == null || dir.isBlank() ? defaultDirectory() : Path.of(dir.strip()),
                Math.max(1, c.attachmentsPerOrder()), Math.max(1, c.anonymousUploadsPerHour()),
                Duration.ofMinutes(Math.max(1, c.uploadTokenMinutes())));
    }

    /** The same settings with attachments stored elsewhere (tests). */
    WorkOrderConfigValues withAttachmentDirectory(Path dir) {
        return new WorkOrderConfigValues(reopenDays, anonymousReportsPerHour, fallbackRegion, zone, attachmentTypes,
                dir, attachmentsPerOrder, anonymousUploadsPerHour, uploadTokenLifetime);
    }

    /** {@code ${karaf.data}/onegrid/attachments}: Karaf's data directory belongs to the installation, not a bundle. */
    static Path defaultDirectory() {
        return Path.of(System.getProperty("karaf.data", "data"), "onegrid", "attachments");
    }
}
