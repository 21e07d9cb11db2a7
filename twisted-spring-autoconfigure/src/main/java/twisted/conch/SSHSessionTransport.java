package twisted.conch;

import twisted.internet.Transport;

/**
 * The transport of a protocol served over an SSH session channel: {@code write} is the client's
 * standard output, {@link #writeExtended} its standard error, and the session ends with an exit
 * status or signal the client's command line sees ({@code ssh host cmd; echo $?}).
 * {@code loseConnection} sends what is queued, then exit status 0 unless {@link #exit} or
 * {@link #exitSignal} chose otherwise; as in Twisted, while a producer is registered the session
 * stays open and takes its writes until it is unregistered. {@code abortConnection} closes the
 * channel at once.
 * End of the client's input reaches a {@link twisted.internet.HalfCloseableProtocol} as
 * {@code readConnectionLost}, and closes the session of any other protocol.
 *
 * <p>Twisted: the transport an {@code SSHSession} gives its protocol, {@code SSHSessionProcessProtocol}.
 *
 * @since 0.1.0
 */
public interface SSHSessionTransport extends Transport {

    /**
     * The session's request: user, peer, terminal, environment.
     *
     * @return the session
     */
    SSHSession getSession();

    /**
     * Writes to the client's standard error (extended data, RFC 4254 section 5.2). Twisted:
     * {@code writeExtended(EXTENDED_DATA_STDERR, data)}.
     *
     * @param data the bytes, owned by the transport from now on
     */
    void writeExtended(byte[] data);

    /**
     * Ends the session with an exit status, once what is queued is sent.
     *
     * @param status the status, 0 to 255 by convention
     */
    void exit(int status);

    /**
     * Ends the session as if killed by a signal, once what is queued is sent.
     *
     * @param signal the signal's name without {@code SIG}, such as {@code TERM} or {@code INT}
     * @param message a message for the user
     */
    void exitSignal(String signal, String message);
}
