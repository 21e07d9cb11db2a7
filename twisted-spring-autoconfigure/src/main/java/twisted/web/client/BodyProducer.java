package twisted.web.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * A request body: its length (or {@link #UNKNOWN_LENGTH}, which sends it chunked) and its bytes
 * as a publisher that can be subscribed again (a redirect that keeps the method sends it again).
 *
 * <p>Twisted: {@code IBodyProducer}, {@code FileBodyProducer}.
 *
 * @since 0.1.0
 */
public interface BodyProducer {

    /** The length of a body sent chunked. Twisted: {@code UNKNOWN_LENGTH}. */
    long UNKNOWN_LENGTH = -1;

    /**
     * The body's length in bytes.
     *
     * @return the length, or {@link #UNKNOWN_LENGTH}
     */
    long length();

    /**
     * The body's bytes; each subscription produces them again from the start.
     *
     * @return the bytes, in chunks
     */
    Publisher<byte[]> content();

    /**
     * A body of bytes.
     *
     * @param body the bytes
     * @return the producer
     */
    static BodyProducer ofBytes(byte[] body) {
        byte[] copy = body.clone();
        return new BodyProducer() {
            @Override
            public long length() {
                return copy.length;
            }

            @Override
            public Publisher<byte[]> content() {
                return Flux.just(copy);
            }
        };
    }

    /**
     * A body of UTF-8 text.
     *
     * @param body the text
     * @return the producer
     */
    static BodyProducer ofString(String body) {
        return ofBytes(body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A body read from a file, 64 KiB at a time, off the reactor thread.
     *
     * @param file the file
     * @return the producer
     */
    static BodyProducer ofFile(Path file) {
        Objects.requireNonNull(file, "file");
        long size;
        try {
            size = Files.size(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new BodyProducer() {
            @Override
            public long length() {
                return size;
            }

            @Override
            public Publisher<byte[]> content() {
                return org.springframework.core.io.buffer.DataBufferUtils
                        .read(file, org.springframework.core.io.buffer.DefaultDataBufferFactory.sharedInstance, 65536)
                        .map(buffer -> {
                            byte[] bytes = new byte[buffer.readableByteCount()];
                            buffer.read(bytes);
                            org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                            return bytes;
                        });
            }
        };
    }

    /**
     * A body from any publisher of byte arrays, sent chunked unless a length is given.
     *
     * @param content the bytes; it should be re-subscribable for redirects that resend it
     * @param length the length, or {@link #UNKNOWN_LENGTH}
     * @return the producer
     */
    static BodyProducer ofPublisher(Publisher<byte[]> content, long length) {
        Objects.requireNonNull(content, "content");
        return new BodyProducer() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public Publisher<byte[]> content() {
                return content;
            }
        };
    }
}
