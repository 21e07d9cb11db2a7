package twisted.application.context;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A user's application with only TCP services and no web server: what
 * {@link KeepAliveTests} starts in a JVM of its own.
 */
@SpringBootApplication
public class TcpOnlyApplication {

    /**
     * Starts the application; returns at once, as a Spring Boot {@code main} does.
     *
     * @param args command-line properties
     */
    public static void main(String[] args) {
        new SpringApplicationBuilder(TcpOnlyApplication.class).web(WebApplicationType.NONE)
                .properties("twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:0",
                        "spring.main.banner-mode=off")
                .run(args);
    }
}
