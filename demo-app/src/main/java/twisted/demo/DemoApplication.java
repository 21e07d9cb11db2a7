package twisted.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A runnable tour of <em>Twisted Network Programming Essentials</em> on twisted-spring: each
 * chapter's example, switched on by properties in {@code application.yml}.
 */
@SpringBootApplication
public class DemoApplication {

    public static void main(String[] args) {
        SpringApplication.run(DemoApplication.class, args);
    }
}
