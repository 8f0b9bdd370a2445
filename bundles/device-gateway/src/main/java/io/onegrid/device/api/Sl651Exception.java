package io.onegrid.device.api;

/** An SL 651-2014 frame that cannot be accepted, with the reason it is counted under. */
public final class Sl651Exception extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    public Sl651Exception(RejectReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
