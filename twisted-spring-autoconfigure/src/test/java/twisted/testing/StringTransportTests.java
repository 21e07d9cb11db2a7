package twisted.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import twisted.internet.ConnectionLimits;
import twisted.internet.IPv4Address;
import twisted.internet.IPv6Address;
import twisted.internet.PullProducer;
import twisted.internet.PushProducer;
import twisted.internet.TlsOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StringTransportTests {

    private final StringTransport transport = new StringTransport();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final PushProducer PUSH = new PushProducer() {
        @Override
        public void pauseProducing() {
        }

        @Override
        public void resumeProducing() {
        }

        @Override
        public void stopProducing() {
        }
    };

    private static final PullProducer PULL = new PullProducer() {
        @Override
        public void resumeProducing() {
        }

        @Override
        public void stopProducing() {
        }
    };

    @Test
    void writesAreRecordedInOrder() {
        this.transport.write(utf8("one "));
        this.transport.writeSequence(List.of(utf8("two "), utf8("three")));
        assertThat(this.transport.value()).isEqualTo(utf8("one two three"));
        assertThat(this.transport.valueAsString()).isEqualTo("one two three");
    }

    @Test
    void valueIsACopy() {
        this.transport.write(utf8("abc"));
        this.transport.value()[0] = 'x';
        assertThat(this.transport.valueAsString()).isEqualTo("abc");
    }

    @Test
    void writtenArrayMayBeReusedAfterWrite() {
        byte[] data = utf8("abc");
        this.transport.write(data);
        data[0] = 'x';
        assertThat(this.transport.valueAsString()).isEqualTo("abc");
    }

    @Test
    void clearForgetsWhatWasWritten() {
        this.transport.write(utf8("first reply"));
        this.transport.clear();
        this.transport.write(utf8("second"));
        assertThat(this.transport.valueAsString()).isEqualTo("second");
    }

    @Test
    void valueAsStringDecodesUtf8() {
        this.transport.write(utf8("h\u00e9"));
        assertThat(this.transport.valueAsString()).isEqualTo("h\u00e9");
    }

    @Test
    void addressesDefaultToTwistedTestAddresses() {
        assertThat(this.transport.getHost()).isEqualTo(new IPv4Address("TCP", "10.0.0.1", 12345));
        assertThat(this.transport.getPeer()).isEqualTo(new IPv4Address("TCP", "192.168.1.1", 54321));
        assertThat(this.transport.logPrefix()).isEqualTo("IPv4Address(TCP, '192.168.1.1', 54321)");
    }

    @Test
    void addressesCanBeChosen() {
        IPv6Address host = new IPv6Address("TCP", "::1", 25);
        IPv4Address peer = new IPv4Address("TCP", "127.0.0.1", 40000);
        StringTransport chosen = new StringTransport(host, peer);
        assertThat(chosen.getHost()).isSameAs(host);
        assertThat(chosen.getPeer()).isSameAs(peer);
    }

    @Test
    void loseConnectionSetsDisconnectingWithoutAborting() {
        assertThat(this.transport.isDisconnecting()).isFalse();
        this.transport.loseConnection();
        assertThat(this.transport.isDisconnecting()).isTrue();
        assertThat(this.transport.isAborted()).isFalse();
    }

    @Test
    void abortConnectionSetsDisconnectingAndAborted() {
        this.transport.abortConnection();
        assertThat(this.transport.isDisconnecting()).isTrue();
        assertThat(this.transport.isAborted()).isTrue();
    }

    @Test
    void writesAfterLoseConnectionAreStillRecorded() {
        this.transport.loseConnection();
        this.transport.write(utf8("late"));
        assertThat(this.transport.valueAsString()).isEqualTo("late");
    }

    @Test
    void registeredProducerAndStreamingFlagAreExposed() {
        assertThat(this.transport.getProducer()).isNull();
        this.transport.registerProducer(PUSH, true);
        assertThat(this.transport.getProducer()).isSameAs(PUSH);
        assertThat(this.transport.isStreaming()).isTrue();
    }

    @Test
    void secondProducerIsRefusedWhileTheFirstIsRegistered() {
        this.transport.registerProducer(PULL, false);
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.transport.registerProducer(PUSH, true))
                .withMessageContaining("is still registered");
        assertThat(this.transport.getProducer()).isSameAs(PULL);
        assertThat(this.transport.isStreaming()).isFalse();
    }

    @Test
    void producerCanBeRegisteredAgainAfterUnregistering() {
        this.transport.registerProducer(PULL, false);
        this.transport.unregisterProducer();
        assertThat(this.transport.getProducer()).isNull();
        this.transport.registerProducer(PUSH, true);
        assertThat(this.transport.getProducer()).isSameAs(PUSH);
    }

    @Test
    void unregisteringWithoutAProducerDoesNothing() {
        this.transport.unregisterProducer();
        assertThat(this.transport.getProducer()).isNull();
    }

    @Test
    void producerWhoseTypeDoesNotMatchStreamingIsRefused() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.transport.registerProducer(PULL, true))
                .withMessageContaining("streaming=true must be a PushProducer");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.transport.registerProducer(PUSH, false))
                .withMessageContaining("streaming=false must be a PullProducer");
        assertThat(this.transport.getProducer()).isNull();
    }

    @Test
    void producerStateFollowsPauseResumeAndStop() {
        assertThat(this.transport.getProducerState()).isEqualTo("producing");
        this.transport.pauseProducing();
        assertThat(this.transport.getProducerState()).isEqualTo("paused");
        this.transport.resumeProducing();
        assertThat(this.transport.getProducerState()).isEqualTo("producing");
        this.transport.stopProducing();
        assertThat(this.transport.getProducerState()).isEqualTo("stopped");
    }

    @Test
    void stoppedTransportCannotBePausedOrResumed() {
        this.transport.stopProducing();
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(this.transport::resumeProducing)
                .withMessage("cannot resume a stopped transport");
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(this.transport::pauseProducing)
                .withMessage("cannot pause a stopped transport");
    }

    @Test
    void tcpOptionsAreOffUntilSet() {
        assertThat(this.transport.getTcpNoDelay()).isFalse();
        assertThat(this.transport.getTcpKeepAlive()).isFalse();
        this.transport.setTcpNoDelay(true);
        this.transport.setTcpKeepAlive(true);
        assertThat(this.transport.getTcpNoDelay()).isTrue();
        assertThat(this.transport.getTcpKeepAlive()).isTrue();
    }

    @Test
    void loseWriteConnectionIsRecordedWithoutClosing() {
        this.transport.loseWriteConnection();
        assertThat(this.transport.isWriteConnectionLost()).isTrue();
        assertThat(this.transport.isDisconnecting()).isFalse();
    }

    @Test
    void startTlsIsRecorded() throws Exception {
        TlsOptions options = TlsOptions.server(SSLContext.getDefault());
        assertThat(this.transport.isSecure()).isFalse();
        this.transport.startTLS(options);
        assertThat(this.transport.isSecure()).isTrue();
        assertThat(this.transport.getTlsOptions()).isSameAs(options);
    }

    @Test
    void startTlsTwiceIsRefused() throws Exception {
        TlsOptions options = TlsOptions.server(SSLContext.getDefault());
        this.transport.startTLS(options);
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.transport.startTLS(options))
                .withMessage("TLS is already started on this transport");
    }

    @Test
    void setWritablePausesAndResumesTheStreamingProducerOnceEach() {
        List<String> events = new ArrayList<>();
        this.transport.registerProducer(new PushProducer() {
            @Override
            public void pauseProducing() {
                events.add("paused");
            }

            @Override
            public void resumeProducing() {
                events.add("resumed");
            }

            @Override
            public void stopProducing() {
                events.add("stopped");
            }
        }, true);
        assertThat(this.transport.isWritable()).isTrue();
        this.transport.setWritable(false);
        this.transport.setWritable(false);
        assertThat(this.transport.isWritable()).isFalse();
        this.transport.setWritable(true);
        this.transport.setWritable(true);
        assertThat(this.transport.isWritable()).isTrue();
        assertThat(events).containsExactly("paused", "resumed");
        assertThat(this.transport.getProducerState()).isEqualTo(StringTransport.PRODUCING);
    }

    @Test
    void setWritableWithoutAStreamingProducerOnlyChangesTheAnswer() {
        this.transport.registerProducer(PULL, false);
        this.transport.setWritable(false);
        assertThat(this.transport.isWritable()).isFalse();
        this.transport.write(utf8("still recorded"));
        assertThat(this.transport.valueAsString()).isEqualTo("still recorded");
    }

    @Test
    void connectionLimitsAreRecordedOnly() {
        assertThat(this.transport.getConnectionLimits()).isEqualTo(ConnectionLimits.DEFAULTS);
        ConnectionLimits tight = new ConnectionLimits(1, 1, Duration.ofMillis(1));
        this.transport.setConnectionLimits(tight);
        this.transport.write(new byte[1024]);
        assertThat(this.transport.getConnectionLimits()).isEqualTo(tight);
        assertThat(this.transport.isDisconnecting()).isFalse();
    }
}
