package io.onegrid.sample.brightkitchen.internal;

import java.time.Instant;

/**
 * A stored camera event as the REST API and the console page show it.
 *
 * @param incidentId      the incident it belongs to, {@code null} when below the confidence threshold
 * @param workOrderNumber the incident's order, {@code null} while none (below threshold, or the intake failed)
 */
public record KitchenEvent(long id, String cameraCode, String cameraName, String regionCode, String type,
        String typeZh, String typeEn, Instant ts, double confidence, String snapshot, Instant receivedAt,
        Long incidentId, Long workOrderId, String workOrderNumber) {
}
