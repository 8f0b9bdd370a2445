package io.onegrid.device.opcua.internal;

import io.onegrid.device.opcua.api.OpcUaRejection;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;

/** Turns a data change into a number, or says why it is not one. Pure, so it is tested without a server. */
final class ValueCheck {

    /** A number, or a rejection with its detail. */
    record Result(double value, OpcUaRejection rejection, String detail) {
        boolean good() {
            return rejection == null;
        }
    }

    private ValueCheck() {
    }

    static Result check(DataValue dv) {
        StatusCode status = dv.getStatusCode();
        if (status != null && !status.isGood()) {
            return new Result(Double.NaN, OpcUaRejection.BAD_STATUS, "status " + status);
        }
        Object v = dv.getValue() == null ? null : dv.getValue().getValue();
        return number(v);
    }

    static Result number(Object v) {
        double d;
        if (v instanceof Number n) { // the Java numbers and Milo's unsigned ones
            d = n.doubleValue();
        } else if (v instanceof String s) {
            try {
                d = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return new Result(Double.NaN, OpcUaRejection.NOT_NUMERIC, "text " + abbreviate(s));
            }
        } else {
            return new Result(Double.NaN, OpcUaRejection.NOT_NUMERIC, v == null ? "no value"
                    : "a " + v.getClass().getSimpleName() + " " + abbreviate(String.valueOf(v)));
        }
        if (!Double.isFinite(d)) {
            return new Result(d, OpcUaRejection.NOT_NUMERIC, "not finite: " + d);
        }
        return new Result(d, null, null);
    }

    private static String abbreviate(String s) {
        return '"' + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + '"';
    }
}
