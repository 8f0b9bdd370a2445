package io.onegrid.device.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.onegrid.device.api.DeviceRegistry;
import io.onegrid.device.api.RejectReason;
import io.onegrid.device.api.Sl651Codec;
import io.onegrid.device.api.Sl651Exception;
import io.onegrid.device.api.Sl651Frame;
import io.onegrid.device.api.Sl651Handler;
import java.net.InetSocketAddress;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SL 651-2014 TCP listener (plain Netty, the version camel-karaf ships). Frames are cut from the stream by the
 * body length in their header, decoded and checked by {@link Sl651Codec}, handed to every {@link Sl651Handler} and,
 * when the station asks (ENQ), confirmed. A frame with a wrong CRC is counted and dropped while the connection stays
 * (its boundaries were right); a garbled stream is counted and the connection closed, since no boundary can be
 * trusted after it — the RTU reconnects. Handlers run off the I/O threads, because they write to the database.
 */
@Component(service = Sl651Listener.class, immediate = true, configurationPid = "io.onegrid.device.sl651")
@Designate(ocd = Sl651Config.class)
public final class Sl651Listener {

    private static final Logger LOG = LoggerFactory.getLogger(Sl651Listener.class);
    /** The header up to the length field (11 bytes), the field (2), then STX, body, end char and CRC. */
    private static final int LENGTH_OFFSET = 11;

    private final DeviceRegistry registry;
    private final List<Sl651Handler> handlers = new CopyOnWriteArrayList<>();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private EventExecutorGroup work;
    private volatile Channel server;
    private volatile String state = "disabled";

    @Activate
    public Sl651Listener(@Reference DeviceRegistry registry, Sl651Config config) {
        this.registry = registry;
        if (!config.enabled()) {
            return;
        }
        boss = new NioEventLoopGroup(1);
        workers = new NioEventLoopGroup(2);
        work = new DefaultEventExecutorGroup(2);
        try {
            server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(new IdleStateHandler(0, 0, config.idleSeconds(), TimeUnit.SECONDS))
                                    .addLast(new LengthFieldBasedFrameDecoder(Sl651Codec.MAX_FRAME, LENGTH_OFFSET, 2,
                                            4, 0))
                                    .addLast(work, new Frames());
                        }
                    }).bind(config.host(), config.port()).sync().channel();
            state = "listening on " + config.host() + ":" + config.port();
            LOG.info("SL 651 listener on {}:{}", config.host(), config.port());
        } catch (Exception e) {
            state = "not listening: " + e;
            LOG.warn("SL 651 listener could not listen on {}:{}: {}", config.host(), config.port(), e.toString());
            deactivate();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addHandler(Sl651Handler handler) {
        handlers.add(handler);
    }

    void removeHandler(Sl651Handler handler) {
        handlers.remove(handler);
    }

    @Deactivate
    void deactivate() {
        if (server != null) {
            server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        for (var group : new io.netty.util.concurrent.EventExecutorGroup[] {boss, workers, work}) {
            if (group != null) {
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            }
        }
    }

    /** What health shows. */
    String state() {
        return state;
    }

    /** The port actually bound (tests bind port 0... or a configured one). */
    int port() {
        Channel s = server;
        return s == null ? -1 : ((InetSocketAddress) s.localAddress()).getPort();
    }

    /** One connection's frames. */
    private final class Frames extends SimpleChannelInboundHandler<ByteBuf> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf buf) {
            String remote = String.valueOf(ctx.channel().remoteAddress());
            Sl651Frame frame;
            try {
                frame = Sl651Codec.decode(ByteBufUtil.getBytes(buf));
            } catch (Sl651Exception e) {
                registry.reject(e.reason(), remote, e.getMessage());
                if (e.reason() != RejectReason.BAD_CHECKSUM) {
                    ctx.close();
                }
                return;
            }
            for (Sl651Handler h : handlers) {
                try {
                    h.frame(frame, remote);
                } catch (RuntimeException e) {
                    LOG.warn("SL 651 handler {} failed on a frame of {}: {}", h, frame.station(), e.toString());
                }
            }
            if (frame.wantsAcknowledgement()) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(Sl651Codec.acknowledge(frame,
                        LocalDateTime.now(ZoneId.of("Asia/Shanghai")))));
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent) {
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            String remote = String.valueOf(ctx.channel().remoteAddress());
            registry.reject(RejectReason.MALFORMED, remote, cause instanceof TooLongFrameException
                    ? "not an SL 651 frame (length field out of range)" : cause.toString());
            ctx.close();
        }
    }
}
