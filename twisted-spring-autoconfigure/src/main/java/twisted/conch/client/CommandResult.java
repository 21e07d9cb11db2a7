package twisted.conch.client;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * What a remote command gave: its standard output and error, and how it ended, with an exit
 * status or a signal (a server that sends neither gives neither).
 *
 * @param stdout its standard output
 * @param stderr its standard error
 * @param exitStatus its exit status, or {@code null} if it was killed by a signal
 * @param exitSignal the signal's name without {@code SIG} ({@code TERM}), or {@code null}
 * @since 0.1.0
 */
public record CommandResult(byte[] stdout, byte[] stderr, @Nullable Integer exitStatus, @Nullable String exitSignal) {

    /**
     * The standard output as UTF-8 text.
     *
     * @return the text
     */
    public String stdoutText() {
        return new String(this.stdout, StandardCharsets.UTF_8);
    }

    /**
     * The standard error as UTF-8 text.
     *
     * @return the text
     */
    public String stderrText() {
        return new String(this.stderr, StandardCharsets.UTF_8);
    }

    /** Sizes and how it ended, not the output. */
    @Override
    public String toString() {
        return "CommandResult[stdout=" + this.stdout.length + " bytes, stderr=" + this.stderr.length + " bytes, "
                + ((this.exitSignal != null) ? "signal " + this.exitSignal : "exit status " + this.exitStatus) + "]";
    }
}
