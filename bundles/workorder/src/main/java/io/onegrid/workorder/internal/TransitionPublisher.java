package io.onegrid.workorder.internal;

import java.util.Map;

/**
 * Where the kernel announces transitions after they are committed. {@link EventAdminPublisher} posts them to
 * EventAdmin; without it (no EventAdmin in the container, or in unit tests) the kernel announces nothing and works
 * the same.
 */
public interface TransitionPublisher {

    /** @param properties without {@code null} values */
    void publish(String topic, Map<String, Object> properties);
}
