package twisted.web.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;
import twisted.web.Request;
import twisted.web.Resource;

import static org.assertj.core.api.Assertions.assertThat;

class TwistedWebAutoConfigurationTests {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(TwistedReactorAutoConfiguration.class, TwistedWebAutoConfiguration.class));

    private static WebTestClient client(RouterFunction<?> router) {
        return WebTestClient.bindToRouterFunction(router).build();
    }

    @Test
    void mountsTheRootResourceBeanAtTheMountPath() {
        this.runner.withUserConfiguration(Site.class).withPropertyValues("twisted.web.mount-path=/site").run(context -> {
            RouterFunction<?> router = context.getBean("twistedWebSite", RouterFunction.class);
            client(router).get().uri("/site/hello").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("hi");
            client(router).get().uri("/other").exchange().expectStatus().isNotFound();
        });
    }

    @Test
    void servesTheStaticDirectoryWhenThereIsNoRootBean(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("page.txt"), "static");
        this.runner.withPropertyValues("twisted.web.static-directory=" + dir).run(context -> {
            RouterFunction<?> router = context.getBean("twistedWebSite", RouterFunction.class);
            client(router).get().uri("/web/page.txt").exchange().expectStatus().isOk().expectBody(String.class)
                    .isEqualTo("static");
        });
    }

    @Test
    void nothingIsMountedWithoutARootOrADirectory() {
        this.runner.run(context -> client(context.getBean("twistedWebSite", RouterFunction.class)).get().uri("/web/")
                .exchange().expectStatus().isNotFound());
    }

    @Test
    void badValuesFailNamingTheProperty() {
        this.runner.withPropertyValues("twisted.web.static-directory=/nonexistent/dir")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("twisted.web.static-directory"));
        this.runner.withPropertyValues("twisted.web.max-body-size=lots")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("twisted.web.max-body-size"));
    }

    @Test
    void backsOffForTheUsersSite() {
        this.runner.withUserConfiguration(Site.class, UserRouter.class)
                .run(context -> assertThat(context.getBean("twistedWebSite")).isSameAs(context.getBean(UserRouter.class).router));
    }

    @Configuration(proxyBeanMethods = false)
    static class Site {

        @Bean
        Resource root() {
            Resource root = new Resource();
            root.putChild("hello", new Resource() {
                @Override
                protected Object renderGET(Request request) {
                    return "hi";
                }
            });
            return root;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserRouter {

        final RouterFunction<?> router = org.springframework.web.reactive.function.server.RouterFunctions
                .route(request -> false, request -> org.springframework.web.reactive.function.server.ServerResponse.ok().build());

        @Bean
        RouterFunction<?> twistedWebSite() {
            return this.router;
        }
    }
}
