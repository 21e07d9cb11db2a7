package twisted.internet.netty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import reactor.netty.NettyPipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The HTTP server's connection limits, on an embedded channel with Netty's HTTP codec and a fake clock. */
class HttpServerLimitsTests {

    private static final String GET = "GET /web/clock HTTP/1.1\r\nHost: x\r\nUser-Agent: slow\r\n\r\n";

    private static EmbeddedChannel connection() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(NettyPipeline.HttpCodec, new HttpServerCodec());
        HttpServerLimits.install(channel.pipeline(), Duration.ofSeconds(10));
        return channel;
    }

    private static void send(EmbeddedChannel channel, String data) {
        channel.writeInbound(Unpooled.copiedBuffer(data, StandardCharsets.US_ASCII));
    }

    private static void advance(EmbeddedChannel channel, long seconds) {
        channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
    }

    private static String written(EmbeddedChannel channel) {
        StringBuilder out = new StringBuilder();
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            ByteBuf buffer = (ByteBuf) message;
            out.append(buffer.toString(StandardCharsets.US_ASCII));
            buffer.release();
        }
        return out.toString();
    }

    private static void drainInbound(EmbeddedChannel channel) {
        for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
            io.netty.util.ReferenceCountUtil.release(message);
        }
    }

    @Test
    void aHeadSentAByteAtATimePastTheTimeoutGets408AndIsClosed() {
        EmbeddedChannel channel = connection();
        String partial = GET.substring(0, 30);
        for (char c : partial.toCharArray()) {
            send(channel, String.valueOf(c));
        }
        advance(channel, 9);
        assertThat(channel.isActive()).as("within the timeout").isTrue();
        send(channel, "X");
        advance(channel, 2);
        assertThat(written(channel)).startsWith("HTTP/1.1 408 Request Timeout\r\n").contains("Connection: close");
        assertThat(channel.isActive()).isFalse();
        assertThat((Object) channel.readInbound()).as("the codec's complaint about the close goes no further").isNull();
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheTimeout() {
        EmbeddedChannel channel = connection();
        advance(channel, 11);
        assertThat(written(channel)).startsWith("HTTP/1.1 408");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void aHeadArrivingInAnyFragmentsWithinTheTimeoutStopsTheClock() {
        for (int size = 1; size <= GET.length(); size++) {
            EmbeddedChannel channel = connection();
            for (int at = 0; at < GET.length(); at += size) {
                send(channel, GET.substring(at, Math.min(GET.length(), at + size)));
                advance(channel, 0);
            }
            advance(channel, 60);
            assertThat(channel.isActive()).as("in pieces of %d", size).isTrue();
            assertThat(written(channel)).isEmpty();
            drainInbound(channel);
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void theClockDoesNotRunBetweenRequestsNorWhileABodyIsRead() {
        EmbeddedChannel channel = connection();
        send(channel, GET);
        advance(channel, 60);
        assertThat(channel.isActive()).as("idle between requests: the idle timeout's business").isTrue();
        send(channel, "POST /web/form HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nna");
        advance(channel, 60);
        send(channel, "me");
        assertThat(channel.isActive()).as("a slow body is not a slow head").isTrue();
        send(channel, "GET /web/clock HTTP/1.1\r\nHo");
        advance(channel, 11);
        assertThat(written(channel)).startsWith("HTTP/1.1 408");
        assertThat(channel.isActive()).isFalse();
        drainInbound(channel);
    }

    @Test
    void pipelinedRequestsInOneReadStartNoClock() {
        EmbeddedChannel channel = connection();
        send(channel, GET + GET + GET);
        advance(channel, 60);
        assertThat(channel.isActive()).isTrue();
        drainInbound(channel);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void connectionsPastTheCapAreClosedAndLoggedOncePerBurst(CapturedOutput output) {
        HttpServerLimits limits = new HttpServerLimits(Duration.ofSeconds(10), 2);
        EmbeddedChannel first = new EmbeddedChannel();
        EmbeddedChannel second = new EmbeddedChannel();
        assertThat(limits.admit(first, null)).isTrue();
        assertThat(limits.admit(second, null)).isTrue();
        EmbeddedChannel refused = new EmbeddedChannel();
        EmbeddedChannel refusedToo = new EmbeddedChannel();
        assertThat(limits.admit(refused, null)).isFalse();
        assertThat(limits.admit(refusedToo, null)).isFalse();
        assertThat(refused.isOpen()).isFalse();
        assertThat(refusedToo.isOpen()).isFalse();
        assertThat(output.getAll().split("HTTP connection refused: 2 connections are open", -1)).hasSize(2);
        first.close();
        assertThat(limits.openConnections()).isEqualTo(1);
        EmbeddedChannel admitted = new EmbeddedChannel();
        assertThat(limits.admit(admitted, null)).isTrue();
        assertThat(admitted.isOpen()).isTrue();
        assertThat(limits.openConnections()).isEqualTo(2);
    }

    @Test
    void limitsOutOfRangeAreRefusedNamingTheValue() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new HttpServerLimits(Duration.ZERO, 1)).withMessageContaining("PT0S");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new HttpServerLimits(Duration.ofSeconds(1), 0)).withMessageContaining("(0)");
    }
}
