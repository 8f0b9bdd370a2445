package io.onegrid.api.workorder;

import java.util.regex.Pattern;

/**
 * The intake channels the core knows. A channel is a plain string so that plugins can add their own (upper-case
 * letters, digits and underscores, 2 to 32 characters, e.g. {@code FLOOD_SENSOR}); the same process applies to all.
 */
public final class Channels {

    /** A resident's report from the doorplate QR page; may be anonymous (with a callback phone). */
    public static final String QR = "QR";
    /** The town's own hotline, typed in by an operator. */
    public static final String HOTLINE = "HOTLINE";
    /** A ticket of the city's 12345 government service hotline. */
    public static final String HOTLINE_12345 = "HOTLINE_12345";
    /** Found by a grid worker on patrol. */
    public static final String PATROL = "PATROL";
    /** A third-party system through the REST API. */
    public static final String API = "API";
    /** An IoT alarm (flood gauge, fire camera, ...). */
    public static final String ALARM = "ALARM";

    /** What a channel name looks like. */
    public static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{1,31}");

    private Channels() {
    }
}
