package twisted.internet.netty;

import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;
import twisted.internet.Address;
import twisted.internet.Factory;
import twisted.internet.ListeningPort;

/** A bound server channel. */
final class NettyListeningPort implements ListeningPort {

    private final NettyReactor reactor;

    private final Channel channel;

    private final @Nullable Factory factory;

    private final Address host;

    private @Nullable Deferred<@Nullable Void> stopped;

    NettyListeningPort(NettyReactor reactor, Channel channel, @Nullable Factory factory, Address host) {
        this.reactor = reactor;
        this.channel = channel;
        this.factory = factory;
        this.host = host;
    }

    @Override
    public Deferred<@Nullable Void> stopListening() {
        if (this.stopped != null) {
            return this.stopped.thenApply(ignored -> null);
        }
        Deferred<@Nullable Void> done = new Deferred<>();
        this.stopped = done;
        this.reactor.portClosing(this);
        this.channel.close().addListener(closed -> {
            if (this.factory != null) {
                this.factory.doStop();
            }
            done.callback(null);
        });
        return done.thenApply(ignored -> null);
    }

    @Override
    public Address getHost() {
        return this.host;
    }

    @Override
    public boolean isListening() {
        return this.stopped == null;
    }

    /** The bound server channel; for tests that read its options. */
    Channel channel() {
        return this.channel;
    }

    @Override
    public String toString() {
        return "<" + (this.factory != null ? this.factory.logPrefix() : "port") + " on " + this.host + ">";
    }
}
