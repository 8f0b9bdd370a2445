package io.onegrid.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The order of route templates: most specific first, and a total order, whatever order resources bind in. */
class PathTemplateTest {

    private static PathTemplate t(String text) {
        return PathTemplate.parse(text);
    }

    @Test
    void aLiteralComesBeforeAVariableAtTheFirstSegmentWhereTheyDiffer() {
        assertTrue(t("/workorders/receipts/{number}/attachments").compareTo(t("/workorders/{id}/attachments")) < 0);
        assertTrue(t("/addresses/nearest").compareTo(t("/addresses/{code}")) < 0);
        assertTrue(t("/a/{x}").compareTo(t("/a/{y}/b")) < 0, "a prefix first");
    }

    @Test
    void threeTemplatesThatOnceFormedACycleAreOrderedTransitively() {
        // The old order had /d/x < /a/{v} (variables first) < /c < /d/x (text): sorting could throw.
        PathTemplate a = t("/d/x");
        PathTemplate b = t("/a/{v}");
        PathTemplate c = t("/c");
        List<PathTemplate> sorted = new ArrayList<>(List.of(a, b, c));
        Collections.sort(sorted);
        assertEquals(List.of(b, c, a), sorted);
    }

    @Test
    void theOrderIsTotalOnManyRandomTemplates() {
        Random random = new Random(7);
        String[] literals = {"a", "b", "c", "workorders", "track", "receipts"};
        List<PathTemplate> templates = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            StringBuilder path = new StringBuilder();
            for (int k = 1 + random.nextInt(4); k > 0; k--) {
                path.append('/').append(random.nextInt(3) == 0 ? "{v" + k + "}" : literals[random.nextInt(6)]);
            }
            templates.add(t(path.toString()));
        }
        for (PathTemplate x : templates) {
            for (PathTemplate y : templates) {
                assertEquals(Integer.signum(x.compareTo(y)), -Integer.signum(y.compareTo(x)), x + " / " + y);
                for (PathTemplate z : templates.subList(0, 60)) {
                    if (x.compareTo(y) < 0 && y.compareTo(z) < 0) {
                        assertTrue(x.compareTo(z) < 0, x + " < " + y + " < " + z);
                    }
                }
            }
        }
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(templates, random);
            List<PathTemplate> sorted = new ArrayList<>(templates);
            Collections.sort(sorted); // threw IllegalArgumentException with the old order
        }
    }
}
