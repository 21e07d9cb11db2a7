package twisted.cluster.redis;

import org.jspecify.annotations.Nullable;
import twisted.protocols.basic.Utf8;

/**
 * A message as it crosses Redis: a header line {@code origin seq sentMillis}, then the body. The
 * header lets a receiver skip its own messages, and tells when and in what order it was sent.
 *
 * @param origin the publishing node's id
 * @param seq the publishing node's sequence number, 1 for its first message
 * @param sentMillis when it was published, in milliseconds since the epoch (the node's wall clock)
 * @param body the message
 */
record Envelope(String origin, long seq, long sentMillis, String body) {

    /** Longest header accepted: a node id of at most {@link RedisCluster#MAX_NODE_ID} characters and two longs. */
    static final int MAX_HEADER = RedisCluster.MAX_NODE_ID + 2 * 20 + 3;

    String encode() {
        return this.origin + ' ' + this.seq + ' ' + this.sentMillis + '\n' + this.body;
    }

    /**
     * Reads an envelope, bounded: nothing longer than the header limit plus {@code maxBody} UTF-8
     * bytes is parsed.
     *
     * @param raw what came from Redis
     * @param maxBody the largest body accepted, in UTF-8 bytes
     * @return the envelope, or {@code null} when it is malformed or too large
     */
    static @Nullable Envelope decode(String raw, int maxBody) {
        if (raw.length() > MAX_HEADER + maxBody) {
            return null;
        }
        int newline = raw.indexOf('\n');
        if (newline < 0 || newline > MAX_HEADER) {
            return null;
        }
        String[] header = raw.substring(0, newline).split(" ", -1);
        if (header.length != 3 || !RedisCluster.isValidNodeId(header[0])) {
            return null;
        }
        String body = raw.substring(newline + 1);
        if (body.length() * 3L > maxBody && Utf8.encodedLength(body) > maxBody) {
            return null;
        }
        try {
            return new Envelope(header[0], Long.parseLong(header[1]), Long.parseLong(header[2]), body);
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }
}
