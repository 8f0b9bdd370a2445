package io.onegrid.device.opcua.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.device.opcua.api.OpcUaRejection;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned;
import org.junit.jupiter.api.Test;

class ValueCheckTest {

    @Test
    void numbersOfEveryKindAreNumbers() {
        assertEquals(2.5, ValueCheck.number(2.5).value());
        assertEquals(3.0, ValueCheck.number(3).value());
        assertEquals(7.0, ValueCheck.number(Unsigned.uint(7)).value());
        assertEquals(1.25, ValueCheck.number(new java.math.BigDecimal("1.25")).value());
        assertEquals(0.5, ValueCheck.number(" 0.5 ").value());
        assertTrue(ValueCheck.check(new DataValue(new Variant(1.0f))).good());
    }

    @Test
    void badAndUncertainStatusesAndNonNumbersAreRefusedWithTheirReason() {
        ValueCheck.Result bad = ValueCheck.check(new DataValue(new StatusCode(StatusCodes.Bad_SensorFailure)));
        assertEquals(OpcUaRejection.BAD_STATUS, bad.rejection());
        assertTrue(bad.detail().contains("Bad_SensorFailure"), bad.detail());
        assertEquals(OpcUaRejection.BAD_STATUS, ValueCheck.check(new DataValue(new Variant(1.0),
                new StatusCode(StatusCodes.Uncertain_LastUsableValue))).rejection());
        assertEquals(OpcUaRejection.NOT_NUMERIC, ValueCheck.check(new DataValue(new Variant("high"))).rejection());
        assertEquals(OpcUaRejection.NOT_NUMERIC, ValueCheck.check(new DataValue(new Variant(true))).rejection());
        assertEquals(OpcUaRejection.NOT_NUMERIC, ValueCheck.check(new DataValue(Variant.NULL_VALUE)).rejection());
        assertEquals(OpcUaRejection.NOT_NUMERIC, ValueCheck.number(Double.NaN).rejection());
        assertEquals(OpcUaRejection.NOT_NUMERIC, ValueCheck.number(Double.POSITIVE_INFINITY).rejection());
    }
}
