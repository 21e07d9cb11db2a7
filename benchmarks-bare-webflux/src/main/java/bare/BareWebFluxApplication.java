package bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The baseline of the start-up benchmark: WebFlux and one controller, nothing else. */
@SpringBootApplication
@RestController
public class BareWebFluxApplication {

    public static void main(String[] args) {
        SpringApplication.run(BareWebFluxApplication.class, args);
    }

    @GetMapping("/hello")
    String hello() {
        return "Hello, world!\n";
    }
}
