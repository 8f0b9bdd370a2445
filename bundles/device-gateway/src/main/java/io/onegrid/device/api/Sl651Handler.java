package io.onegrid.device.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the SL 651-2014 frames the gateway's TCP listener accepted (CRC checked, decoded). Register it as an OSGi
 * service (whiteboard); every handler sees every frame and takes those of its own stations. The gateway answers M2
 * confirmations and counts refused frames itself.
 */
@ConsumerType
public interface Sl651Handler {

    /**
     * One accepted frame.
     *
     * @param remote the station's address and port, for logs and refusals
     */
    void frame(Sl651Frame frame, String remote);
}
