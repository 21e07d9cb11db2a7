package twisted.bench.web;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import twisted.web.Request;
import twisted.web.Resource;

/**
 * The web benchmark's starter app (issue 9): {@code twisted-spring-starter} with its default Actuator
 * and no Spring Security, answering the bare app's body from a {@code @GetMapping} at {@code /hello}
 * and from a leaf {@link Resource} at {@code /web/hello}.
 */
@SpringBootApplication
@RestController
public class StarterWebApplication {

    static final String HELLO = "Hello, world!\n";

    private static final byte[] HELLO_BYTES = HELLO.getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) {
        SpringApplication.run(StarterWebApplication.class, args);
    }

    @GetMapping("/hello")
    String hello() {
        return HELLO;
    }

    @Bean
    Resource root() {
        Resource root = new Resource();
        root.putChild("hello", new HelloPage());
        return root;
    }

    /** The same bytes and content type as the controller, from a leaf resource. */
    static final class HelloPage extends Resource {

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        protected Object renderGET(Request request) {
            request.setHeader("Content-Type", "text/plain;charset=UTF-8");
            return HELLO_BYTES;
        }
    }
}
