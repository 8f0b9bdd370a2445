package io.moquette.broker;

import io.moquette.broker.config.IConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.CTrieSubscriptionDirectory;
import io.moquette.broker.subscriptions.ISubscriptionsDirectory;
import io.moquette.interception.BrokerInterceptor;
import io.moquette.persistence.H2Builder;
import io.moquette.persistence.MemorySessionsRepository;
import io.moquette.persistence.MemorySubscriptionsRepository;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Moquette 0.17 (embedded privately in this bundle), started from its parts instead of through {@code Server}, for
 * one reason: {@code Server} hands one {@link IAuthenticator} to every connection and that interface never learns
 * the client's address, so "anonymous from this machine only" cannot be decided. Here each connection gets its own
 * {@link BrokerConfiguration} and authenticator, made by a {@link PeerPolicy} that knows the peer. The class lives in
 * Moquette's package because the connection factory and the session machinery are package-private; it also leaves
 * out {@code Server}'s telemetry call home and its bugsnag and metrics handlers. A second class of ours in Moquette's
 * packages, {@code metrics.MQTTMessageLogger}, quietens its per-message logging.
 */
public final class PeerAwareBroker {

    /** Decides, per connection, who may connect. */
    public interface PeerPolicy {

        /** Whether a client at {@code peer} may connect without a user name. */
        boolean anonymousAllowed(SocketAddress peer);

        /** Whether the user name and password (null when none was sent) are valid for a client at {@code peer}. */
        boolean credentialsValid(SocketAddress peer, String clientId, String userName, byte[] password);

        /** Told when a client at {@code peer} tried to connect without a user name and was refused. */
        void anonymousRefused(SocketAddress peer, String clientId);
    }

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "onegrid-broker-scheduler");
        t.setDaemon(true);
        return t;
    });
    private BrokerInterceptor interceptor;
    private H2Builder h2;
    private SessionRegistry sessions;
    private PostOffice postOffice;
    private NewNettyAcceptor acceptor;

    /**
     * Starts the broker with Moquette's settings in {@code config} (host, port, websocket_port, data_path,
     * persistence_enabled, netty.mqtt.message_size...). On failure (a port in use) everything started is stopped
     * again before the exception leaves.
     */
    public static PeerAwareBroker start(IConfig config, PeerPolicy policy, IAuthorizatorPolicy authorization)
            throws IOException {
        PeerAwareBroker broker = new PeerAwareBroker();
        try {
            broker.init(config, policy, authorization);
            return broker;
        } catch (IOException | RuntimeException e) {
            broker.stop();
            throw e;
        }
    }

    private void init(IConfig config, PeerPolicy policy, IAuthorizatorPolicy authorization) throws IOException {
        interceptor = new BrokerInterceptor(config, List.of());
        ISessionsRepository sessionsRepository;
        ISubscriptionsRepository subscriptionsRepository;
        IQueueRepository queueRepository;
        IRetainedRepository retainedRepository;
        if (config.boolProp(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, false)) {
            Path dataPath = Path.of(config.getProperty(IConfig.DATA_PATH_PROPERTY_NAME));
            Files.createDirectories(dataPath);
            h2 = new H2Builder(scheduler, dataPath, 30, Clock.systemDefaultZone()).initStore();
            queueRepository = h2.queueRepository();
            subscriptionsRepository = h2.subscriptionsRepository();
            retainedRepository = h2.retainedRepository();
            sessionsRepository = h2.sessionsRepository();
        } else {
            queueRepository = new MemoryQueueRepository();
            subscriptionsRepository = new MemorySubscriptionsRepository();
            retainedRepository = new MemoryRetainedRepository();
            sessionsRepository = new MemorySessionsRepository();
        }
        ISubscriptionsDirectory subscriptions = new CTrieSubscriptionDirectory();
        subscriptions.init(subscriptionsRepository);
        Authorizator authorizator = new Authorizator(authorization);
        SessionEventLoopGroup loops = new SessionEventLoopGroup(interceptor,
                config.intProp(IConfig.SESSION_QUEUE_SIZE, 1024));
        sessions = new SessionRegistry(subscriptions, sessionsRepository, queueRepository, authorizator, scheduler,
                Clock.systemDefaultZone(), Session.INFINITE_EXPIRY, loops);
        postOffice = new PostOffice(subscriptions, retainedRepository, sessions, interceptor, authorizator, loops);
        BrokerConfiguration shared = new BrokerConfiguration(config);
        MQTTConnectionFactory connections = new MQTTConnectionFactory(shared, null, sessions, postOffice) {
            @Override
            MQTTConnection create(Channel channel) {
                // per connection: the peer decides whether a client without a user name may connect
                SocketAddress peer = channel.remoteAddress();
                BrokerConfiguration perPeer = new BrokerConfiguration(policy.anonymousAllowed(peer),
                        shared.isAllowZeroByteClientId(), shared.isReauthorizeSubscriptionsOnConnect(),
                        shared.getBufferFlushMillis());
                IAuthenticator authenticator = (clientId, userName, password) ->
                        policy.credentialsValid(peer, clientId, userName, password);
                return new MQTTConnection(channel, perPeer, authenticator, sessions, postOffice);
            }
        };
        acceptor = new NewNettyAcceptor();
        NewNettyMQTTHandler handler = new NewNettyMQTTHandler(connections) {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
                // Moquette refuses such a client without telling anyone; count it before it does
                if (message instanceof MqttConnectMessage connect && !connect.variableHeader().hasUserName()
                        && !policy.anonymousAllowed(ctx.channel().remoteAddress())) {
                    policy.anonymousRefused(ctx.channel().remoteAddress(), connect.payload().clientIdentifier());
                }
                super.channelRead(ctx, message);
            }
        };
        // no TLS listener is configured, so the SSL context creator is never asked
        acceptor.initialize(handler, config, () -> null, shared);
    }

    /** Clients connected now. */
    public int connectedClients() {
        return sessions == null ? 0 : sessions.listConnectedClients().size();
    }

    /**
     * Closes the listeners first (no new clients), then the session loops, the sessions and the store; the port is
     * free when this returns.
     */
    public void stop() {
        if (acceptor != null) {
            try {
                acceptor.close();
            } catch (IllegalStateException notInitialised) {
                // the acceptor failed before its event loops existed: nothing to close
            }
        }
        if (postOffice != null) {
            postOffice.terminate();
        }
        if (sessions != null) {
            sessions.close();
        }
        if (h2 != null) {
            h2.closeStore();
        }
        if (interceptor != null) {
            interceptor.stop();
        }
        scheduler.shutdownNow();
    }
}
