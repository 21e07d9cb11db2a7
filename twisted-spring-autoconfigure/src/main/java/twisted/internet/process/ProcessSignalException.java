package twisted.internet.process;

import twisted.internet.error.ProcessTerminatedException;

/**
 * {@link ProcessUtils#getProcessOutputAndValue} failed because a signal ended the process. It
 * carries what the process wrote before it died, and the signal; the cause is the
 * {@link ProcessTerminatedException} the protocol got. Twisted errbacks with the bare tuple
 * {@code (out, err, signalNum)} instead.
 *
 * @since 0.1.0
 */
public class ProcessSignalException extends Exception {

    private static final long serialVersionUID = 1L;

    private final byte[] out;

    private final byte[] err;

    private final int signal;

    /**
     * Creates the exception.
     *
     * @param out the bytes written to stdout
     * @param err the bytes written to stderr
     * @param reason how the process ended; its signal must be set
     */
    public ProcessSignalException(byte[] out, byte[] err, ProcessTerminatedException reason) {
        super("process ended by signal " + reason.signal() + " after writing " + out.length + " bytes to stdout and "
                + err.length + " to stderr", reason);
        Integer number = reason.signal();
        if (number == null) {
            throw new IllegalArgumentException("reason (" + reason.getMessage() + ") has no signal");
        }
        this.out = out.clone();
        this.err = err.clone();
        this.signal = number;
    }

    /**
     * What the process wrote to stdout.
     *
     * @return a copy of the bytes
     */
    public byte[] out() {
        return this.out.clone();
    }

    /**
     * What the process wrote to stderr.
     *
     * @return a copy of the bytes
     */
    public byte[] err() {
        return this.err.clone();
    }

    /**
     * The signal that ended the process.
     *
     * @return the signal's number
     */
    public int signal() {
        return this.signal;
    }
}
