package twisted.mail.pop3;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import twisted.internet.IPv4Address;
import twisted.internet.Protocol;
import twisted.testing.StringTransportWithDisconnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RETR of a big message to a client that reads slowly: the server reads and writes a chunk at a
 * time, only while the transport is writable, so it never holds the message whole; the bytes that
 * arrive are the message, byte-stuffed, then the terminator.
 */
class POP3StreamingTests {

    private static final int LINES = 120_000;

    private static final int CHUNK = 8192;

    /** The transport's high-water mark in this test. */
    private static final int HIGH_WATER = 32 * 1024;

    /** Line {@code i} of the big message; every seventh starts with a dot. */
    private static String line(int i) {
        return ((i % 7 == 0) ? "." : "") + "line " + i + " " + "x".repeat(50) + "\r\n";
    }

    private static long size() {
        long size = 0;
        for (int i = 0; i < LINES; i++) {
            size += line(i).length();
        }
        return size;
    }

    /** The message, generated as it is read; counts what was read. */
    static final class BigMessage extends InputStream {

        private int next;

        private byte[] current = new byte[0];

        private int position;

        long read;

        boolean closed;

        @Override
        public int read() {
            byte[] one = new byte[1];
            return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xff);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len) {
                if (this.position == this.current.length) {
                    if (this.next == LINES) {
                        break;
                    }
                    this.current = line(this.next++).getBytes(StandardCharsets.US_ASCII);
                    this.position = 0;
                }
                int take = Math.min(len - n, this.current.length - this.position);
                System.arraycopy(this.current, this.position, b, off + n, take);
                this.position += take;
                n += take;
            }
            this.read += n;
            return (n == 0 && len > 0) ? -1 : n;
        }

        @Override
        public void close() {
            this.closed = true;
        }
    }

    /** A transport whose buffer passes its high-water mark after {@link #HIGH_WATER} bytes. */
    static final class SlowTransport extends StringTransportWithDisconnection {

        long pending;

        SlowTransport() {
            super(new IPv4Address("TCP", "10.0.0.1", 110), new IPv4Address("TCP", "192.168.1.1", 40000));
        }

        @Override
        public void write(byte[] data) {
            super.write(data);
            this.pending += data.length;
            if (this.pending >= HIGH_WATER) {
                setWritable(false);
            }
        }

        /** The client reads everything: returns it, and the buffer drains. */
        byte[] drain() {
            byte[] bytes = value();
            clear();
            this.pending = 0;
            setWritable(true);
            return bytes;
        }
    }

    @Test
    void aBigMessageIsStreamedInBoundedChunksOnlyWhileTheTransportIsWritable() throws Exception {
        BigMessage message = new BigMessage();
        POP3Fixture f = new POP3Fixture(factory -> factory.settings(POP3Settings.defaults().withChunkSize(CHUNK)));
        f.store.add("dave", size(), () -> message);
        POP3 protocol = (POP3) f.factory.buildProtocol(new IPv4Address("TCP", "192.168.1.1", 40000));
        SlowTransport transport = new SlowTransport();
        transport.setProtocol(protocol);
        protocol.makeConnection(transport);
        protocol.dataReceived("USER dave\r\nPASS pw\r\n".getBytes(StandardCharsets.US_ASCII));
        transport.drain();

        protocol.dataReceived("RETR 1\r\nSTAT\r\n".getBytes(StandardCharsets.US_ASCII));
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        String status = null;
        int rounds = 0;
        String tail = "";
        assertThat(transport.isWritable()).isFalse();
        boolean more = true;
        while (more) {
            rounds++;
            more = !transport.isWritable();
            // while the client does not read, the server holds back: what it wrote stays within
            // the high-water mark plus one stuffed chunk, and what it read from the store within
            // what it wrote plus one chunk
            assertThat(transport.pending).isLessThan(HIGH_WATER + 2L * CHUNK + 16);
            byte[] bytes = transport.drain();
            if (status == null) {
                String text = new String(bytes, 0, 40, StandardCharsets.US_ASCII);
                status = text.substring(0, text.indexOf("\r\n"));
                int skip = status.length() + 2;
                received.update(bytes, skip, bytes.length - skip);
            }
            else {
                received.update(bytes);
            }
            tail = new String(bytes, Math.max(0, bytes.length - 40), Math.min(40, bytes.length),
                    StandardCharsets.US_ASCII);
        }
        assertThat(status).isEqualTo("+OK " + size() + " octets");
        assertThat(rounds).isGreaterThan((int) (size() / HIGH_WATER) - 1);
        assertThat(message.read).isEqualTo(size());
        assertThat(message.closed).isTrue();
        // the pipelined STAT was answered after the message's terminator, in the last round
        assertThat(tail).endsWith("\r\n.\r\n+OK 1 " + size() + "\r\n");

        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < LINES; i++) {
            String line = line(i);
            expected.update((line.startsWith(".") ? "." + line : line).getBytes(StandardCharsets.US_ASCII));
        }
        expected.update((".\r\n+OK 1 " + size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(HexFormat.of().formatHex(expected.digest()));
    }

    @Test
    void whileStreamingNothingMoreIsReadAndACutSessionClosesTheStream() {
        BigMessage message = new BigMessage();
        POP3Fixture f = new POP3Fixture(factory -> factory.settings(POP3Settings.defaults().withChunkSize(CHUNK)));
        f.store.add("dave", size(), () -> message);
        Protocol protocol = f.factory.buildProtocol(new IPv4Address("TCP", "192.168.1.1", 40000));
        SlowTransport transport = new SlowTransport();
        transport.setProtocol(protocol);
        protocol.makeConnection(transport);
        protocol.dataReceived("USER dave\r\nPASS pw\r\nDELE 1\r\nRSET\r\nRETR 1\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(transport.isWritable()).isFalse();
        assertThat(transport.getProducerState()).isEqualTo(twisted.testing.StringTransport.PAUSED);
        assertThat(message.read).isLessThan(HIGH_WATER + CHUNK);
        transport.loseConnection();
        assertThat(message.closed).isTrue();
        assertThat(f.store.uids("dave")).hasSize(1);
        assertThat(f.store.isLocked("dave")).isFalse();
    }

    @Test
    void aStoreThatReadsAMessageLaterHoldsTheCommandsAfterItUntilTheMessageIsSent() {
        POP3Fixture f = new POP3Fixture();
        POP3Fixture.Client client = f.connect().send("USER alice", "PASS s3cret");
        client.take();
        twisted.defer.Deferred<Void> read = new twisted.defer.Deferred<>();
        f.store.readGate(read);
        client.send("RETR 1", "STAT");
        assertThat(client.take()).as("nothing until the store has the message").isEmpty();
        read.callback(null);
        assertThat(client.take()).startsWith("+OK " + POP3Fixture.FIRST.length() + " octets").contains("..hidden")
                .endsWith(".", "+OK 2 " + (POP3Fixture.FIRST.length() + POP3Fixture.SECOND.length()));
    }

    @Test
    void aMessageTheStoreCannotReadGivesErrAndTheSessionGoesOn() {
        POP3Fixture f = new POP3Fixture();
        POP3Fixture.Client client = f.connect().send("USER alice", "PASS s3cret");
        client.take();
        twisted.defer.Deferred<Void> read = new twisted.defer.Deferred<>();
        f.store.readGate(read);
        client.send("RETR 2", "NOOP");
        read.errback(new java.io.IOException("database gone"));
        assertThat(client.take()).containsExactly("-ERR [SYS/TEMP] cannot read message 2", "+OK");
    }

    @Test
    void aSessionCutWhileTheStoreReadsClosesTheStreamItGetsLater() {
        POP3Fixture f = new POP3Fixture();
        boolean[] closed = { false };
        f.store.add("dave", 3, () -> new java.io.ByteArrayInputStream("x\r\n".getBytes(StandardCharsets.US_ASCII)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        });
        POP3Fixture.Client client = f.connect().send("USER dave", "PASS pw");
        client.take();
        twisted.defer.Deferred<Void> read = new twisted.defer.Deferred<>();
        f.store.readGate(read);
        client.send("RETR 1");
        client.transport.loseConnection();
        read.callback(null);
        assertThat(closed[0]).isTrue();
        assertThat(client.take()).isEmpty();
        assertThat(f.store.isLocked("dave")).isFalse();
    }
}
