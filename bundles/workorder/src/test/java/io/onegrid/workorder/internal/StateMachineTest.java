package io.onegrid.workorder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.workorder.WorkOrderCommand;
import io.onegrid.api.workorder.WorkOrderEvents;
import io.onegrid.api.workorder.WorkOrderState;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The table itself: complete, reachable, closed; what it allows is exercised on a database in KernelContract. */
class StateMachineTest {

    @Test
    void everyCommandConstantOfTheApiHasExactlyOneRow() throws Exception {
        Set<String> constants = new HashSet<>();
        for (Field f : WorkOrderCommand.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                constants.add((String) f.get(null));
            }
        }
        // joint handling's commands act on several orders and live beside the table (JointHandling)
        constants.removeAll(JointHandling.COMMANDS);
        // a note changes no state and applies in most: the kernel handles it beside the table too
        constants.remove(WorkOrderCommand.COMMENT);
        assertEquals(constants, StateMachine.commandNames());
        assertEquals(StateMachine.TABLE.size(), StateMachine.commandNames().size());
    }

    @Test
    void everyStateIsReachableAndOnlyRejectedIsFinal() {
        Set<WorkOrderState> reached = new HashSet<>(Set.of(WorkOrderState.SUBMITTED));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (StateMachine.Transition t : StateMachine.TABLE) {
                for (WorkOrderState from : t.from()) {
                    if (reached.contains(from) && reached.add(t.next(from))) {
                        grew = true;
                    }
                }
            }
        }
        assertEquals(Set.of(WorkOrderState.values()), reached);
        for (WorkOrderState s : WorkOrderState.values()) {
            assertEquals(s == WorkOrderState.REJECTED, StateMachine.allowedIn(s).isEmpty(), s.name());
        }
    }

    @Test
    void theDocumentedLoopAndItsTopics() {
        assertEquals(List.of("accept", "reject"), StateMachine.allowedIn(WorkOrderState.SUBMITTED));
        assertEquals(List.of("reject", "dispatch"), StateMachine.allowedIn(WorkOrderState.RETURNED));
        assertEquals(List.of("rate", "close", "reopen"), StateMachine.allowedIn(WorkOrderState.VERIFIED));
        assertEquals(List.of("reopen"), StateMachine.allowedIn(WorkOrderState.CLOSED));
        for (StateMachine.Transition t : StateMachine.TABLE) {
            assertTrue(t.topic().startsWith(WorkOrderEvents.PREFIX), t.topic());
            assertFalse(t.required().stream().anyMatch(t.optional()::contains), t.command());
        }
        assertTrue(WorkOrderState.IN_PROGRESS.isOpen());
        assertFalse(WorkOrderState.RESOLVED.isOpen());
    }
}
