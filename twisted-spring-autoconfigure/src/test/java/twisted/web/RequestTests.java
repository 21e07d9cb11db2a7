package twisted.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The request object alone: how the response's head and body are handed to the HTTP side. */
class RequestTests {

    private final AtomicInteger argsParsed = new AtomicInteger();

    private final AtomicInteger cookiesParsed = new AtomicInteger();

    private Request request() {
        MultiValueMap<String, HttpCookie> cookies = new LinkedMultiValueMap<>();
        cookies.add("flavour", new HttpCookie("flavour", "oat"));
        return new Request("GET", "/web/page?x=1", "/web/page", List.of(), new HttpHeaders(), () -> {
            this.argsParsed.incrementAndGet();
            return Map.of("x", List.of("1"));
        }, Map.of(), () -> {
            this.cookiesParsed.incrementAndGet();
            return cookies;
        }, new byte[0], null, false);
    }

    @Test
    void aWholeBodyIsHandedOverWithTheHeadAsACopyAndNothingStreams() {
        Request request = request();
        byte[] page = "page".getBytes(StandardCharsets.UTF_8);
        request.respond(page, false);
        page[0] = 'X';
        Request.Head head = request.head().getNow(null);
        assertThat(head).isNotNull();
        assertThat(head.content()).asString(StandardCharsets.UTF_8).isEqualTo("page");
        assertThat(head.headers().getContentLength()).isEqualTo(4);
        assertThat(request.isFinished()).isTrue();
        assertThat(request.notifyFinish().isCalled()).isTrue();
        StepVerifier.create(request.body()).verifyComplete();
    }

    @Test
    void anOwnedWholeBodyIsNotCopied() {
        Request request = request();
        byte[] page = "page".getBytes(StandardCharsets.UTF_8);
        request.respond(page, true);
        assertThat(request.head().getNow(null).content()).isSameAs(page);
    }

    @Test
    void aRespondAfterWritesStreamsItsBytesAfterTheWrittenOnes() {
        Request request = request();
        request.write("a".getBytes(StandardCharsets.UTF_8));
        request.respond("b".getBytes(StandardCharsets.UTF_8), true);
        Request.Head head = request.head().getNow(null);
        assertThat(head.content()).isNull();
        assertThat(head.headers().getContentLength()).isEqualTo(-1);
        StepVerifier.create(request.body().map(bytes -> new String(bytes, StandardCharsets.UTF_8))).expectNext("a", "b")
                .verifyComplete();
    }

    @Test
    void argumentsAndCookiesAreParsedOnceAndOnlyWhenAsked() {
        Request request = request();
        assertThat(this.argsParsed).hasValue(0);
        assertThat(this.cookiesParsed).hasValue(0);
        assertThat(request.getArg("x")).isEqualTo("1");
        assertThat(request.getArgs()).containsOnlyKeys("x");
        assertThat(request.getCookie("flavour")).isEqualTo("oat");
        assertThat(request.getCookie("other")).isNull();
        assertThat(this.argsParsed).hasValue(1);
        assertThat(this.cookiesParsed).hasValue(1);
    }

    @Test
    void headersCannotChangeOnceTheWholeBodyWasHandedOver() {
        Request request = request();
        request.respond(new byte[1], true);
        assertThatIllegalStateException()
                .isThrownBy(() -> request.setHeader("X-Late", "1")).withMessageContaining("has started");
    }
}
