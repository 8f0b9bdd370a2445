package io.moquette.broker.metrics;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces Moquette 0.17's class of this name inside this bundle (ours is packed first, see the pom): Moquette's logs
 * every CONNECT, SUBSCRIBE, acknowledgement and closed channel at INFO, which for thousands of sensors reporting
 * every few seconds would bury karaf.log. Moquette puts this handler in every client's pipeline and offers no switch;
 * this one says the same at DEBUG only.
 */
@Sharable
public class MQTTMessageLogger extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MQTTMessageLogger.class);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
        log("C->B", ctx, message);
        ctx.fireChannelRead(message);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) throws Exception {
        log("C<-B", ctx, message);
        ctx.write(message, promise);
    }

    private static void log(String direction, ChannelHandlerContext ctx, Object message) {
        if (LOG.isDebugEnabled() && message instanceof MqttMessage mqtt && mqtt.fixedHeader() != null) {
            LOG.debug("{} {} {}", direction, mqtt.fixedHeader().messageType(), ctx.channel().remoteAddress());
        }
    }
}
