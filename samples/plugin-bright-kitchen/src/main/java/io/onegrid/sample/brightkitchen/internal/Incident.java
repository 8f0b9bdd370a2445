package io.onegrid.sample.brightkitchen.internal;

import java.time.Instant;

/** Events of one camera and type, each within the de-duplication window of the previous one; one work order. */
record Incident(long id, String cameraCode, String type, Instant firstTs, Instant lastTs, int events,
        double maxConfidence, Long workOrderId, String workOrderNumber) {

    /** The order's idempotency key: from the data, so a retry, a replay or a second node never makes a second. */
    String idempotencyKey() {
        return "bright-kitchen:" + cameraCode + ":" + type + ":" + firstTs.getEpochSecond();
    }
}
