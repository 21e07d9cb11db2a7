package twisted.demo;

import java.nio.charset.StandardCharsets;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hello world from a plain WebFlux controller: the baseline of the web benchmark, against the same
 * bytes from a {@code Resource} at {@code /web/hello} (see docs/benchmarks.md).
 */
@RestController
class HelloController {

    static final byte[] HELLO = "Hello, world!\n".getBytes(StandardCharsets.UTF_8);

    @GetMapping(path = "/hello", produces = MediaType.TEXT_PLAIN_VALUE)
    byte[] hello() {
        return HELLO;
    }
}
