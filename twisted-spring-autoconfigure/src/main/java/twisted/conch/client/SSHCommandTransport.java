package twisted.conch.client;

import org.jspecify.annotations.Nullable;

import twisted.internet.Transport;

/**
 * The transport of a protocol connected to a remote command: {@code write} feeds the command's
 * standard input (as fast as the server's window allows: past a high-water mark it is not
 * writable and a registered producer is paused), {@code dataReceived} gets its standard output
 * (and a {@link StandardErrorReceiver} its standard error); {@code pauseProducing} stops taking
 * output, so the server stops at the channel's window.
 *
 * <ul>
 * <li>{@link #loseWriteConnection()}: what is written goes out, then end-of-file; the command reads
 * EOF and the connection ends when it exits.</li>
 * <li>{@code loseConnection()}: the same, then the channel is closed once the command exits or the
 * client's close timeout has passed.</li>
 * <li>{@code abortConnection()}: the channel is closed now.</li>
 * </ul>
 * The protocol's {@code connectionLost} comes when the channel is closed, with
 * {@link twisted.internet.error.ProcessDoneException} (exit status 0),
 * {@link twisted.internet.error.ProcessTerminatedException} (another status, or a signal),
 * {@link twisted.internet.error.ConnectionDoneException} (closed with neither) or
 * {@link twisted.internet.error.ConnectionLostException} (aborted, or the connection failed);
 * {@link #getExitStatus()} and {@link #getExitSignal()} tell the same. The SSH connection closes
 * with the channel.
 *
 * <p>Twisted: the channel a {@code SSHCommandClientEndpoint} gives its protocol as transport.
 *
 * @since 0.1.0
 */
public interface SSHCommandTransport extends Transport {

    /**
     * Sends what is written, then end-of-file on the command's standard input; output keeps
     * coming until the command exits. Twisted: {@code loseWriteConnection} of a half-closeable
     * transport.
     */
    void loseWriteConnection();

    /**
     * The command's exit status, once the server sent it.
     *
     * @return the status, or {@code null} before it exits, or if a signal ended it
     */
    @Nullable Integer getExitStatus();

    /**
     * The signal that ended the command, once the server said so.
     *
     * @return the signal's name without {@code SIG} ({@code TERM}), or {@code null}
     */
    @Nullable String getExitSignal();
}
