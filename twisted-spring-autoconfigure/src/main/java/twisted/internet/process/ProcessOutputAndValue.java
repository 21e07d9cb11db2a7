package twisted.internet.process;

import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * What {@link ProcessUtils#getProcessOutputAndValue} gives: everything the process wrote to
 * stdout and to stderr, and its exit code. Twisted gives the tuple {@code (out, err, code)}.
 *
 * @param out the bytes written to stdout
 * @param err the bytes written to stderr
 * @param exitCode the exit code
 * @since 0.1.0
 */
public record ProcessOutputAndValue(byte[] out, byte[] err, int exitCode) {

    /**
     * Stdout as text.
     *
     * @param charset how the process encodes its output
     * @return the text
     */
    public String outText(Charset charset) {
        return new String(this.out, charset);
    }

    /**
     * Stderr as text.
     *
     * @param charset how the process encodes its output
     * @return the text
     */
    public String errText(Charset charset) {
        return new String(this.err, charset);
    }

    /** Compares the bytes, not the arrays' identity. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ProcessOutputAndValue that && this.exitCode == that.exitCode
                && Arrays.equals(this.out, that.out) && Arrays.equals(this.err, that.err);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(this.out) + Arrays.hashCode(this.err)) + this.exitCode;
    }

    @Override
    public String toString() {
        return "ProcessOutputAndValue[out=" + this.out.length + " bytes, err=" + this.err.length + " bytes, exitCode="
                + this.exitCode + "]";
    }
}
