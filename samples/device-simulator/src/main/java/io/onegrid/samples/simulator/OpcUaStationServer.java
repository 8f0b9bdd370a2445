package io.onegrid.samples.simulator;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import io.netty.channel.nio.NioEventLoopGroup;

/**
 * An OPC UA server (Eclipse Milo) with one Double variable per station, {@code ns=2;s=<code>/level} under the folder
 * {@code Objects/Stations}, in metres. Endpoints {@code opc.tcp://host:port/onegrid} with security None and
 * Basic256Sha256 (SignAndEncrypt); anonymous or one user name and password. A simulator: it accepts every client
 * certificate, and its own is created anew at every start.
 */
public final class OpcUaStationServer implements AutoCloseable {

    /** The namespace of the stations; the first one registered, so its index is 2. */
    public static final String NAMESPACE = "urn:onegrid:simulator:stations";

    private final int port;
    private final OpcUaServer server;
    private final Stations namespace;
    private final NioEventLoopGroup eventLoop;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;

    /**
     * @param user     a user name clients may sign in with, or {@code null} for anonymous only
     * @param password its password
     */
    public OpcUaStationServer(String bindAddress, int port, List<String> stations, String user, String password)
            throws Exception {
        this.port = port;
        // own threads, so that several servers (or a client in the same JVM) never share Milo's static ones
        this.eventLoop = new NioEventLoopGroup(1);
        this.executor = Executors.newCachedThreadPool(r -> daemon(r, "opcua-server"));
        this.scheduler = Executors.newScheduledThreadPool(1, r -> daemon(r, "opcua-server-timer"));

        MemoryTrustListManager trust = new MemoryTrustListManager();
        DefaultApplicationGroup group = DefaultApplicationGroup.createAndInitialize(trust,
                new MemoryCertificateStore(), new RsaSha256CertificateFactory() {
                    @Override
                    protected X509Certificate[] createRsaSha256CertificateChain(KeyPair keyPair) throws Exception {
                        return new X509Certificate[] {new SelfSignedCertificateBuilder(keyPair)
                                .setCommonName("OneGrid device simulator").setOrganization("OneGrid")
                                .setApplicationUri("urn:onegrid:simulator").addDnsName("localhost")
                                .addIpAddress("127.0.0.1").build()};
                    }
                }, new CertificateValidator.InsecureCertificateValidator());
        X509Certificate cert = group.getCertificateChain(NodeIds.RsaSha256ApplicationCertificateType)
                .orElseThrow()[0];

        EndpointConfig.Builder base = EndpointConfig.newBuilder().setBindAddress(bindAddress).setBindPort(port)
                .setHostname(bindAddress.equals("0.0.0.0") ? "localhost" : bindAddress).setPath("/onegrid")
                .setCertificate(cert).addTokenPolicies(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS,
                        OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME);
        Set<EndpointConfig> endpoints = Set.of(
                base.copy().setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None).build(),
                base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256)
                        .setSecurityMode(MessageSecurityMode.SignAndEncrypt).build());

        OpcUaServerConfig config = OpcUaServerConfig.builder()
                .setApplicationUri("urn:onegrid:simulator")
                .setApplicationName(LocalizedText.english("OneGrid device simulator"))
                .setProductUri("urn:onegrid:simulator")
                .setEndpoints(endpoints)
                .setCertificateManager(new DefaultCertificateManager(new MemoryCertificateQuarantine(), group))
                .setIdentityValidator(user == null ? AnonymousIdentityValidator.INSTANCE
                        : new CompositeValidator(AnonymousIdentityValidator.INSTANCE,
                                new UsernameIdentityValidator(c -> user.equals(c.getUsername())
                                        && password.equals(c.getPassword()))))
                .setExecutor(executor)
                .setScheduledExecutor(scheduler)
                .build();
        this.server = new OpcUaServer(config, profile -> new OpcTcpServerTransport(
                OpcTcpServerTransportConfig.newBuilder().setExecutor(executor).setEventLoop(eventLoop).build()));
        this.namespace = new Stations(server, stations);
        namespace.startup();
        server.startup().get(30, TimeUnit.SECONDS);
    }

    /** The endpoint URL clients use on this machine. */
    public String endpointUrl() {
        return "opc.tcp://127.0.0.1:" + port + "/onegrid";
    }

    /** The node id of a station's level, in OPC UA's text form. */
    public static String nodeId(String station) {
        return "ns=2;s=" + station + "/level";
    }

    /** Sets a station's level (metres), with the given source time. */
    public void level(String station, double metres, Instant at) {
        namespace.set(station, new DataValue(new Variant(metres), StatusCode.GOOD, new DateTime(at), DateTime.now()));
    }

    /** Marks a station's value bad (a sensor fault), keeping its last number. */
    public void fault(String station, Instant at) {
        namespace.set(station, new DataValue(Variant.NULL_VALUE, new StatusCode(StatusCodes.Bad_SensorFailure),
                new DateTime(at), DateTime.now()));
    }

    @Override
    public void close() throws Exception {
        try {
            server.shutdown().get(10, TimeUnit.SECONDS);
            namespace.shutdown();
        } finally {
            eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
            executor.shutdownNow();
            scheduler.shutdownNow();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The stations' folder and variables; sampling through Milo's SubscriptionModel. */
    private static final class Stations extends ManagedNamespaceWithLifecycle {

        private final SubscriptionModel model;
        private final Map<String, UaVariableNode> levels = new LinkedHashMap<>();

        Stations(OpcUaServer server, List<String> stations) {
            super(server, NAMESPACE);
            this.model = new SubscriptionModel(server, this);
            getLifecycleManager().addLifecycle(model);
            getLifecycleManager().addStartupTask(() -> {
                UaFolderNode folder = new UaFolderNode(getNodeContext(), newNodeId("Stations"),
                        newQualifiedName("Stations"), LocalizedText.english("Stations"));
                getNodeManager().addNode(folder);
                folder.addReference(new Reference(folder.getNodeId(), NodeIds.Organizes,
                        NodeIds.ObjectsFolder.expanded(), false));
                for (String s : stations) {
                    UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                            .setNodeId(newNodeId(s + "/level"))
                            .setBrowseName(newQualifiedName(s))
                            .setDisplayName(LocalizedText.english(s + " water level (m)"))
                            .setDataType(NodeIds.Double)
                            .setTypeDefinition(NodeIds.BaseDataVariableType)
                            .setAccessLevel(AccessLevel.READ_ONLY)
                            .setUserAccessLevel(AccessLevel.READ_ONLY)
                            .build();
                    node.setValue(new DataValue(new Variant(0.0)));
                    getNodeManager().addNode(node);
                    folder.addOrganizes(node);
                    levels.put(s, node);
                }
            });
        }

        void set(String station, DataValue value) {
            UaVariableNode node = levels.get(station);
            if (node == null) {
                throw new IllegalArgumentException("no station " + station + " (stations: " + levels.keySet() + ")");
            }
            node.setValue(value);
        }

        @Override
        public void onDataItemsCreated(List<DataItem> items) {
            model.onDataItemsCreated(items);
        }

        @Override
        public void onDataItemsModified(List<DataItem> items) {
            model.onDataItemsModified(items);
        }

        @Override
        public void onDataItemsDeleted(List<DataItem> items) {
            model.onDataItemsDeleted(items);
        }

        @Override
        public void onMonitoringModeChanged(List<MonitoredItem> items) {
            model.onMonitoringModeChanged(items);
        }
    }
}
