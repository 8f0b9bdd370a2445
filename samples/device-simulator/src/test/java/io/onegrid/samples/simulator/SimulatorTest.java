package io.onegrid.samples.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    @Test
    void defaultsAndOptions() {
        Simulator.Options o = Simulator.parse(new String[] {"--stations", "2", "--opcua-port", "4840",
                "--sl651-address", "WL-0002=0012345678", "--opcua-user", "u:p:q"});
        assertEquals(List.of("WL-0001", "WL-0002"), o.codes());
        assertEquals("370399101000", o.town());
        assertEquals(3.2, o.peak());
        assertEquals(Duration.ofMinutes(120), o.timeToPeak());
        assertEquals(4840, o.opcuaPort());
        assertEquals("u", o.opcuaUser());
        assertEquals("p:q", o.opcuaPassword());
        Simulator s = new Simulator(o);
        assertEquals("0000000001", s.sl651Address("WL-0001"));
        assertEquals("0012345678", s.sl651Address("WL-0002"));
    }

    @Test
    void helpAndMistakes() {
        assertNull(Simulator.parse(new String[] {"--help"}));
        assertThrows(IllegalArgumentException.class, () -> Simulator.parse(new String[] {"--nonsense", "1"}));
        assertThrows(IllegalArgumentException.class, () -> Simulator.parse(new String[] {"--town", "37"}));
        assertThrows(IllegalArgumentException.class, () -> Simulator.parse(new String[] {"--peak", "high"}));
        assertThrows(IllegalArgumentException.class, () -> Simulator.parse(new String[] {"--mqtt"}));
    }
}
