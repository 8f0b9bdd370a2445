package io.onegrid.workorder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.workorder.TrailRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrailChainTest {

    private static String hash(String actor, String actorName, String reason, List<String> attachments) {
        return TrailChain.hash(TrailRecord.GENESIS_HASH, 7, 1, 1_700_000_000_000L, actor, actorName, "grid-worker",
                "start", "DISPATCHED", "IN_PROGRESS", reason, null, attachments);
    }

    @Test
    void theHashIsStableHexAndCoversEveryField() {
        String h = hash("gridworker1", "网格员一", "到场", List.of());
        assertTrue(h.matches("[0-9a-f]{64}"));
        assertEquals(h, hash("gridworker1", "网格员一", "到场", List.of()));
        assertNotEquals(h, hash("gridworker2", "网格员一", "到场", List.of()));
        assertNotEquals(h, hash("gridworker1", "网格员一", "到场 ", List.of()));
        assertNotEquals(h, hash("gridworker1", "网格员一", "到场", List.of("a".repeat(64))));
        assertNotEquals(h, TrailChain.hash(TrailRecord.GENESIS_HASH, 8, 1, 1_700_000_000_000L, "gridworker1",
                "网格员一", "grid-worker", "start", "DISPATCHED", "IN_PROGRESS", "到场", null, List.of()),
                "records of different orders never share a hash");
    }

    @Test
    void fieldBoundariesCannotBeShiftedAndNullDiffersFromEmpty() {
        assertNotEquals(hash("ab", "c", null, List.of()), hash("a", "bc", null, List.of()));
        assertNotEquals(hash("a", null, null, List.of()), hash("a", "", null, List.of()));
        assertNotEquals(hash("a", "b", null, List.of("x,y")), hash("a", "b", null, List.of("x", "y")));
    }
}
