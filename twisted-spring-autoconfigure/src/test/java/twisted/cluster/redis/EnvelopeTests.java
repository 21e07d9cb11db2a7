package twisted.cluster.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What crosses Redis is input: envelopes are read back whole, and anything malformed or larger than
 * the limit is refused rather than parsed.
 */
class EnvelopeTests {

    @Test
    void anEnvelopeIsReadBackAsItWasWritten() {
        Envelope envelope = new Envelope("node-1", 42, 1_700_000_000_000L, "PRIVMSG #a :hi\nsecond line é");
        assertThat(envelope.encode()).startsWith("node-1 42 1700000000000\n");
        assertThat(Envelope.decode(envelope.encode(), 100)).isEqualTo(envelope);
        assertThat(Envelope.decode("n 1 2\n", 100)).isEqualTo(new Envelope("n", 1, 2, ""));
    }

    @Test
    void malformedEnvelopesAreRefused() {
        for (String raw : new String[] { "", "no header", "n 1\nbody", "n 1 2 3\nbody", "n x 2\nbody", "n 1 y\nbody",
                " 1 2\nbody", "n\u00e9 1 2\nbody", "n  1 2\nbody" }) {
            assertThat(Envelope.decode(raw, 100)).as(raw).isNull();
        }
        assertThat(Envelope.decode("n".repeat(RedisCluster.MAX_NODE_ID + 1) + " 1 2\nbody", 100)).isNull();
    }

    @Test
    void bodiesAreBoundedInUtf8Bytes() {
        assertThat(Envelope.decode("n 1 2\n" + "é".repeat(5), 10)).isNotNull();
        assertThat(Envelope.decode("n 1 2\n" + "é".repeat(5) + "x", 10)).isNull();
        assertThat(Envelope.decode("n 1 2\n" + "x".repeat(10_000), 10)).isNull();
    }
}
