package twisted.web.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import twisted.defer.Deferred;

/** {@code @WebFluxTest} slices pick up the Deferred support through the starter's imports file. */
@WebFluxTest(controllers = DeferredWebFluxSliceTests.SliceController.class)
@Import(DeferredWebFluxSliceTests.SliceController.class)
class DeferredWebFluxSliceTests {

    @Autowired
    private WebTestClient client;

    @SpringBootConfiguration
    static class SliceApplication {
    }

    @RestController
    static class SliceController {

        @GetMapping("/slice")
        Deferred<String> slice() {
            return Deferred.succeed("from a slice");
        }
    }

    @Test
    void deferredIsAwaitedInASlice() {
        this.client.get().uri("/slice").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("from a slice");
    }
}
