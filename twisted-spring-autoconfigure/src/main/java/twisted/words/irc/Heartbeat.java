package twisted.words.irc;

import java.time.Duration;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import twisted.time.DelayedCall;
import twisted.time.ReactorTime;

/**
 * {@link IRCClient}'s heartbeat: every interval on the reactor clock it sends a {@code PING}; when
 * the previous one got no {@code PONG}, it declares the server dead instead. Twisted:
 * {@code IRCClient.startHeartbeat} and {@code _sendHeartbeat}, which only ping.
 */
final class Heartbeat {

    private final ReactorTime clock;

    private final Consumer<IRCMessage> send;

    private final Runnable dead;

    private @Nullable Duration interval;

    private @Nullable DelayedCall timer;

    private boolean awaitingPong;

    /**
     * @param clock times the pings
     * @param send sends a {@code PING} past any throttle
     * @param dead called, once, when a {@code PING} got no {@code PONG} within the interval
     * @param interval the interval, or {@code null} for no heartbeat
     */
    Heartbeat(ReactorTime clock, Consumer<IRCMessage> send, Runnable dead, @Nullable Duration interval) {
        this.clock = clock;
        this.send = send;
        this.dead = dead;
        this.interval = interval;
    }

    @Nullable Duration getInterval() {
        return this.interval;
    }

    /** Takes effect when the next ping is scheduled. */
    void setInterval(@Nullable Duration interval) {
        this.interval = interval;
    }

    /** (Re)starts the pings, if an interval is set. */
    void start() {
        stop();
        Duration every = this.interval;
        if (every != null) {
            this.awaitingPong = false;
            this.timer = this.clock.callLater(every, this::beat);
        }
    }

    void stop() {
        if (this.timer != null && this.timer.active()) {
            this.timer.cancel();
        }
        this.timer = null;
    }

    /** The server answered. */
    void ponged() {
        this.awaitingPong = false;
    }

    private void beat() {
        this.timer = null;
        if (this.awaitingPong) {
            this.dead.run();
            return;
        }
        this.awaitingPong = true;
        this.send.accept(IRCMessage.of("PING", "twisted-" + Math.round(this.clock.seconds())));
        Duration every = this.interval;
        if (every != null) {
            this.timer = this.clock.callLater(every, this::beat);
        }
    }
}
