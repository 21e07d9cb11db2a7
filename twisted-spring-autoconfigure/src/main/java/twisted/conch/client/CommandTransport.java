package twisted.conch.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import twisted.conch.ssh.ChannelInput;
import twisted.conch.ssh.ChannelOutput;
import twisted.conch.ssh.ChannelTransport;
import twisted.defer.Failure;
import twisted.internet.Address;
import twisted.internet.HalfCloseableProtocol;
import twisted.internet.Protocol;
import twisted.internet.Reactor;
import twisted.internet.error.ConnectionDoneException;
import twisted.internet.error.ConnectionLostException;
import twisted.internet.error.ProcessDoneException;
import twisted.internet.error.ProcessTerminatedException;
import twisted.time.DelayedCall;

/**
 * The {@link SSHCommandTransport} of one remote command: between a {@link CommandChannel} (MINA's
 * side, called on the connection's reactor thread) and the protocol. Output that arrives before
 * the protocol is attached waits here, its window unreleased.
 */
final class CommandTransport extends ChannelTransport implements SSHCommandTransport {

    private static final Logger log = LoggerFactory.getLogger(CommandTransport.class);

    /** Signal numbers as Linux has them, for {@link ProcessTerminatedException}. */
    private static final Map<String, Integer> SIGNALS = Map.ofEntries(Map.entry("HUP", 1), Map.entry("INT", 2),
            Map.entry("QUIT", 3), Map.entry("ILL", 4), Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("BUS", 7),
            Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11),
            Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15));

    private final Reactor reactor;

    private final Executor loop;

    private final Duration closeTimeout;

    private final String label;

    private final Runnable onAccepted;

    private final Runnable onClosed;

    private final List<Pending> pending = new ArrayList<>();

    private @Nullable CommandChannel channel;

    private @Nullable Protocol protocol;

    private @Nullable DelayedCall closeTimer;

    private boolean eofPending;

    private boolean writeClosed;

    private boolean eofSent;

    private boolean closeRequested;

    private boolean aborted;

    private boolean refused;

    private boolean finished;

    /**
     * Creates the transport.
     *
     * @param onAccepted run on the loop when the server has agreed to run the command
     * @param onClosed run on the loop once the channel is closed and the protocol told
     */
    CommandTransport(Reactor reactor, Executor loop, Duration closeTimeout, Address peer, Address host, String label,
            Runnable onAccepted, Runnable onClosed) {
        super(peer, host);
        this.reactor = reactor;
        this.loop = loop;
        this.closeTimeout = closeTimeout;
        this.label = label;
        this.onAccepted = onAccepted;
        this.onClosed = onClosed;
    }

    /** Binds the channel, and hears of its closing on the loop. */
    void bind(CommandChannel c) {
        this.channel = c;
        setInput(new ChannelInput(c, this::abortConnection));
        c.addChannelListener(new ChannelListener() {
            @Override
            public void channelClosed(Channel closed, @Nullable Throwable reason) {
                CommandTransport.this.loop.execute(CommandTransport.this::closed);
            }
        });
    }

    /** The channel is open: its input stream exists. */
    void opened() {
        CommandChannel c = Objects.requireNonNull(this.channel, "channel");
        ChannelOutput o = new ChannelOutput(this.loop, new ChannelOutput.Listener() {
            @Override
            public void drained() {
                sendEof();
            }

            @Override
            public void failed(Throwable failure) {
                log.debug("{}: write failed: {}", logPrefix(), failure.toString());
                abortConnection();
            }
        });
        o.streams(c.getAsyncIn(), null);
        setOutput(o);
    }

    /** Connects the protocol, then gives it what has arrived. */
    void attach(Protocol p) {
        this.protocol = p;
        p.makeConnection(this);
        List<Pending> waiting = new ArrayList<>(this.pending);
        this.pending.clear();
        for (Pending chunk : waiting) {
            deliver(chunk.data(), chunk.stderr());
        }
        Objects.requireNonNull(input(), "input").flush();
        if (this.eofPending) {
            eofReceived();
        }
    }

    // ------------------------------------------------------------------ MINA's side, on the loop

    void received(byte[] data, boolean stderr) {
        if (this.finished) {
            return;
        }
        ChannelInput in = Objects.requireNonNull(input(), "input");
        if (this.protocol == null) {
            this.pending.add(new Pending(data, stderr));
            in.hold(data.length);
            return;
        }
        deliver(data, stderr);
        in.consumed(data.length);
    }

    private void deliver(byte[] data, boolean stderr) {
        Protocol p = Objects.requireNonNull(this.protocol, "protocol");
        try {
            if (!stderr) {
                p.dataReceived(data);
            }
            else if (p instanceof StandardErrorReceiver receiver) {
                receiver.errReceived(data);
            }
            else {
                log.debug("{}: {} bytes of standard error not read by {}", logPrefix(), data.length, p);
            }
        }
        catch (RuntimeException ex) {
            log.warn("{}: {} failed on output: {}", logPrefix(), p, ex.toString(), ex);
            abortConnection();
        }
    }

    void eofReceived() {
        if (this.protocol == null) {
            this.eofPending = true;
            return;
        }
        this.eofPending = false;
        if (this.protocol instanceof HalfCloseableProtocol half && !this.finished) {
            half.readConnectionLost();
        }
    }

    void accepted() {
        if (!this.finished) {
            this.onAccepted.run();
        }
    }

    void refused() {
        this.refused = true;
    }

    private void closed() {
        if (this.finished) {
            return;
        }
        this.finished = true;
        DelayedCall timer = this.closeTimer;
        if (timer != null && timer.active()) {
            timer.cancel();
        }
        ChannelOutput o = output();
        if (o != null) {
            o.stop();
        }
        Protocol p = this.protocol;
        if (p != null) {
            p.disconnected(new Failure(reason()));
        }
        this.onClosed.run();
    }

    /** Why the channel closed, as Twisted's process protocols hear it. */
    Exception reason() {
        String signal = getExitSignal();
        Integer status = getExitStatus();
        if (signal != null) {
            Integer number = SIGNALS.get(signal);
            return (number != null) ? ProcessTerminatedException.killedBy(number)
                    : new ConnectionLostException(new IOException("the command was ended by signal " + signal));
        }
        if (status != null) {
            return (status == 0) ? new ProcessDoneException() : ProcessTerminatedException.exited(status);
        }
        if (this.refused) {
            return new ConnectionLostException(new IOException("the server refused to run the command"));
        }
        return this.aborted ? new ConnectionLostException() : new ConnectionDoneException();
    }

    /** Whether the server refused the exec request. */
    boolean wasRefused() {
        return this.refused;
    }

    // ------------------------------------------------------------------ the protocol's side

    @Override
    public void write(byte[] data) {
        Objects.requireNonNull(data, "data");
        ChannelOutput o = output();
        if (o != null && !this.writeClosed && !this.finished) {
            o.write(data, false);
        }
    }

    @Override
    public void loseWriteConnection() {
        if (this.writeClosed || this.finished) {
            return;
        }
        this.writeClosed = true;
        ChannelOutput o = output();
        if (o != null) {
            o.close();
        }
        else {
            sendEof();
        }
    }

    private void sendEof() {
        CommandChannel c = this.channel;
        if (this.eofSent || this.finished || c == null) {
            return;
        }
        this.eofSent = true;
        try {
            c.eof();
        }
        catch (IOException ex) {
            log.debug("{}: EOF not sent: {}", logPrefix(), ex.toString());
            abortConnection();
            return;
        }
        if (this.closeRequested) {
            startCloseTimer();
        }
    }

    @Override
    public void loseConnection() {
        if (this.closeRequested || this.finished) {
            return;
        }
        this.closeRequested = true;
        if (this.eofSent) {
            startCloseTimer();
        }
        else {
            loseWriteConnection();
        }
    }

    /** The command has its EOF: give it the close timeout to end, then close the channel. */
    private void startCloseTimer() {
        CommandChannel c = this.channel;
        if (c == null || this.closeTimer != null) {
            return;
        }
        this.closeTimer = this.reactor.callLater(this.closeTimeout, () -> {
            if (!c.isClosed()) {
                log.debug("{}: the command did not end within {} after EOF: closing", logPrefix(), this.closeTimeout);
                c.close(true);
            }
        });
    }

    @Override
    public void abortConnection() {
        if (this.finished) {
            return;
        }
        this.aborted = true;
        this.closeRequested = true;
        CommandChannel c = this.channel;
        if (c != null) {
            c.close(true);
        }
    }

    @Override
    public boolean isDisconnecting() {
        return this.closeRequested || this.finished;
    }

    @Override
    public @Nullable Integer getExitStatus() {
        CommandChannel c = this.channel;
        return (c != null) ? c.getExitStatus() : null;
    }

    @Override
    public @Nullable String getExitSignal() {
        CommandChannel c = this.channel;
        return (c != null) ? c.getExitSignal() : null;
    }

    @Override
    public String logPrefix() {
        return this.label;
    }

    @Override
    public String toString() {
        return "CommandTransport[" + this.label + "]";
    }

    private record Pending(byte[] data, boolean stderr) {
    }
}
