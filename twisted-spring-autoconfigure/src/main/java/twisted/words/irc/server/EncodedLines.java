package twisted.words.irc.server;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import twisted.words.irc.IRCMessage;

/**
 * The wire bytes of the message being fanned out, encoded once per variant instead of once per
 * recipient: a channel message to 20 members is written the same way to every member that asked
 * for the same tags ({@code server-time}, {@code message-tags}), so the last message's variants
 * are kept, looked up by the message's identity. Reactor thread only.
 */
final class EncodedLines {

    private @Nullable IRCMessage message;

    /** By variant: bit 0 for the time tag, bit 1 for client tags. */
    private final byte[][] bytes = new byte[4][];

    private final @Nullable String[] times = new String[4];

    /**
     * The message's line as a client with these capabilities gets it, without CR LF.
     *
     * @param message the message
     * @param time the {@code time} tag's value for a {@code server-time} client, else {@code null}
     * @param clientTags whether the client negotiated {@code message-tags}
     * @return the bytes; do not change them
     */
    byte[] encode(IRCMessage message, @Nullable String time, boolean clientTags) {
        if (message != this.message) {
            this.message = message;
            Arrays.fill(this.bytes, null);
            Arrays.fill(this.times, null);
        }
        int variant = ((time != null) ? 1 : 0) | (clientTags ? 2 : 0);
        byte[] cached = this.bytes[variant];
        if (cached != null && Objects.equals(this.times[variant], time)) {
            return cached;
        }
        IRCMessage out = message;
        if (time != null || !message.tags().isEmpty()) {
            Map<String, String> tags = new LinkedHashMap<>();
            if (time != null) {
                tags.put("time", time);
            }
            if (clientTags) {
                tags.putAll(message.tags());
            }
            out = new IRCMessage(tags, message.prefix(), message.command(), message.params());
        }
        byte[] encoded = IRCUser.wireLine(out).getBytes(StandardCharsets.UTF_8);
        this.bytes[variant] = encoded;
        this.times[variant] = time;
        return encoded;
    }
}
