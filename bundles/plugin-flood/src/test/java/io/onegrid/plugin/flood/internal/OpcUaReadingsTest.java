package io.onegrid.plugin.flood.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.device.opcua.api.OpcUaListener;
import io.onegrid.device.opcua.api.OpcUaSubscription;
import io.onegrid.device.opcua.api.OpcUaSubscriptions;
import io.onegrid.device.opcua.api.OpcUaValue;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpcUaReadingsTest {

    @Test
    void eachChangeBecomesAReadingOfItsStation() throws Exception {
        Fake opcua = new Fake();
        List<String> readings = new ArrayList<>();
        OpcUaReadings r = new OpcUaReadings(opcua, config("opc.tcp://scada:4840/ua",
                new String[] {"WL-0001=ns=2;s=WL-0001/level, WL-0002=ns=3;i=1002", " 0012345678 = ns=2;s=river "}, 500),
                (source, station, ts, metres, at) -> readings.add(source + "|" + station + "|" + ts + "|" + metres));
        assertEquals("flood-levels", opcua.name);
        assertEquals("opc.tcp://scada:4840/ua", opcua.url);
        assertEquals(List.of("ns=2;s=WL-0001/level", "ns=3;i=1002", "ns=2;s=river"), opcua.nodes);
        assertEquals(Duration.ofMillis(500), opcua.sampling);

        Instant ts = Instant.parse("2026-07-01T00:05:00Z");
        opcua.listener.value(new OpcUaValue("flood-levels", "ns=3;i=1002", 2.5, ts, ts.plusSeconds(1)));
        opcua.listener.value(new OpcUaValue("flood-levels", "ns=2;s=river", 0.127, ts, ts.plusSeconds(1)));
        assertEquals(List.of("opcua opc.tcp://scada:4840/ua ns=3;i=1002|WL-0002|" + ts + "|2.5",
                "opcua opc.tcp://scada:4840/ua ns=2;s=river|0012345678|" + ts + "|0.127"), readings);

        r.deactivate();
        assertTrue(opcua.closed);
    }

    @Test
    void mappingMistakesAreAllReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpcUaReadings.stations(
                new String[] {"WL-0001", "WL-0002=ns=2;i=1,WL-0002=ns=2;i=2", "WL-0003=ns=2;i=1", "=ns=2;i=9",
                        "WL-0004="}));
        String m = e.getMessage();
        assertTrue(m.contains("'WL-0001' is not code=nodeId"), m);
        assertTrue(m.contains("station WL-0002 is mapped twice"), m);
        assertTrue(m.contains("node ns=2;i=1 is mapped to WL-0002 and WL-0003"), m);
        assertTrue(m.contains("'=ns=2;i=9' is not code=nodeId"), m);
        assertTrue(m.contains("'WL-0004=' is not code=nodeId"), m);
        assertThrows(IllegalArgumentException.class, () -> OpcUaReadings.stations(new String[0]));
        assertEquals(Map.of("ns=2;s=a", "A"), OpcUaReadings.stations(new String[] {"A=ns=2;s=a", ""}));
    }

    private static OpcUaReadingsConfig config(String url, String[] stations, int sampling) {
        return new OpcUaReadingsConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return OpcUaReadingsConfig.class;
            }

            @Override
            public String endpointUrl() {
                return url;
            }

            @Override
            public String[] stations() {
                return stations;
            }

            @Override
            public int samplingIntervalMillis() {
                return sampling;
            }
        };
    }

    /** Records the subscription the component makes. */
    static final class Fake implements OpcUaSubscriptions {
        String name;
        String url;
        List<String> nodes;
        Duration sampling;
        OpcUaListener listener;
        boolean closed;

        @Override
        public OpcUaSubscription subscribe(String n, String u, List<String> ids, OpcUaListener l) {
            return subscribe(n, u, ids, Duration.ofSeconds(1), l);
        }

        @Override
        public OpcUaSubscription subscribe(String n, String u, List<String> ids, Duration s, OpcUaListener l) {
            name = n;
            url = u;
            nodes = List.copyOf(ids);
            sampling = s;
            listener = l;
            return new OpcUaSubscription() {
                @Override
                public String name() {
                    return n;
                }

                @Override
                public String endpointUrl() {
                    return u;
                }

                @Override
                public List<String> nodeIds() {
                    return nodes;
                }

                @Override
                public State state() {
                    return closed ? State.CLOSED : State.SUBSCRIBED;
                }

                @Override
                public String detail() {
                    return "";
                }

                @Override
                public void close() {
                    closed = true;
                }
            };
        }
    }
}
