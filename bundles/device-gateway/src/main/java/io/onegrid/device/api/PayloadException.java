package io.onegrid.device.api;

/**
 * A payload a {@link PayloadCodec} refuses: the message says what is wrong (for the log and the
 * {@link RejectReason#MALFORMED} count), never echoing more than a short piece of the payload.
 *
 * @since 1.2
 */
public class PayloadException extends Exception {

    private static final long serialVersionUID = 1L;

    public PayloadException(String message) {
        super(message);
    }

    public PayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
