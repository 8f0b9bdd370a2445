package io.onegrid.device.opcua.api;

import java.time.Duration;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Subscriptions to OPC UA servers, with the connection settings of {@code io.onegrid.device.opcua} (security policy,
 * user identity, certificates, retry delays). Each subscription owns its session: it connects in the background,
 * creates one monitored item per node (data change notifications, sampled at the given interval), and when the
 * server goes away it reconnects with a doubling delay and subscribes again. A bad value (a bad status, a value that
 * is not a number) is counted and logged with its reason, and the next good value is delivered as usual.
 *
 * <p>When the configuration changes, the service is registered anew and plugins subscribe again (DS does this for a
 * component with a static reference).
 */
@ProviderType
public interface OpcUaSubscriptions {

    /**
     * Subscribes with the configured default sampling interval.
     *
     * @see #subscribe(String, String, List, Duration, OpcUaListener)
     */
    OpcUaSubscription subscribe(String name, String endpointUrl, List<String> nodeIds, OpcUaListener listener);

    /**
     * Subscribes; returns at once (connecting happens in the background, see {@link OpcUaSubscription#state()}).
     *
     * @param name             a short unique name for logs and health ({@code flood-levels})
     * @param endpointUrl      the server, {@code opc.tcp://host:4840/path}
     * @param nodeIds          the variables, in OPC UA's text form ({@code ns=2;s=WL-0001/level}, {@code ns=3;i=1001})
     * @param samplingInterval how often the server samples each variable (it may revise it); zero: as fast as it can
     * @param listener         receives each good value, one at a time, in the order the server sent them
     * @throws IllegalArgumentException when a node id cannot be parsed, the URL is not {@code opc.tcp://}, or the name
     *                                  is in use
     */
    OpcUaSubscription subscribe(String name, String endpointUrl, List<String> nodeIds, Duration samplingInterval,
            OpcUaListener listener);
}
