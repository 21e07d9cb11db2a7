package twisted.web.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.reactive.context.AnnotationConfigReactiveWebServerApplicationContext;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.server.WebFilter;
import twisted.internet.Reactor;
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
        this.runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("twistedWebSite")
                .doesNotHaveBean("twistedWebSiteMapping"));
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
    @ExtendWith(OutputCaptureExtension.class)
    void aStaticDirectoryIgnoredForTheRootBeanIsReportedAtStartup(CapturedOutput output) {
        this.runner.withUserConfiguration(Site.class).withPropertyValues("twisted.web.static-directory=/nonexistent/dir")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(output).contains("twisted.web.static-directory (/nonexistent/dir, which does not exist) is ignored");
                });
    }

    @Test
    void aMissingStaticDirectoryFailsNamingTheWorkingDirectory() {
        this.runner.withPropertyValues("twisted.web.static-directory=missing-site")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("resolved against the working directory (" + Path.of("").toAbsolutePath()));
    }

    @Test
    void backsOffForTheUsersSite() {
        this.runner.withUserConfiguration(Site.class, UserRouter.class)
                .run(context -> assertThat(context.getBean("twistedWebSite")).isSameAs(context.getBean(UserRouter.class).router));
    }

    @Test
    void theHttpServerKeepsItsOwnLoopsByDefault() {
        this.runner.run(context -> {
            assertThat(context).doesNotHaveBean("twistedWebSharedReactorLoop");
            assertThat(context.getBean(TwistedWebProperties.class).shareReactorLoop()).isFalse();
        });
    }

    @Test
    void sharingTheReactorLoopNeedsTheNettyReactor() {
        this.runner.withPropertyValues("twisted.web.share-reactor-loop=true").run(context ->
                assertThat(context).hasBean("twistedWebSharedReactorLoop"));
        this.runner.withPropertyValues("twisted.web.share-reactor-loop=true")
                .withBean(Reactor.class, () -> org.mockito.Mockito.mock(Reactor.class))
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("twisted.web.share-reactor-loop=true needs the NettyReactor"));
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void withTheSharedLoopAResourceRendersOnTheThreadItsRequestArrivedOn(CapturedOutput output) {
        new ReactiveWebApplicationContextRunner(AnnotationConfigReactiveWebServerApplicationContext::new)
                .withConfiguration(AutoConfigurations.of(NettyReactiveWebServerAutoConfiguration.class,
                        HttpHandlerAutoConfiguration.class, WebFluxAutoConfiguration.class,
                        TwistedReactorAutoConfiguration.class, TwistedWebAutoConfiguration.class))
                .withUserConfiguration(ThreadSite.class)
                .withPropertyValues("server.port=0", "twisted.web.share-reactor-loop=true").run(context -> {
                    assertThat(context).hasNotFailed();
                    int port = ((ReactiveWebServerApplicationContext) context.getSourceApplicationContext()).getWebServer()
                            .getPort();
                    ThreadSite site = context.getBean(ThreadSite.class);
                    WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build().get().uri("/web/thread")
                            .exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("rendered");
                    assertThat(site.onReactorThread).isTrue();
                    assertThat(site.renderThread).isNotNull().isSameAs(site.requestThread);
                });
        assertThat(output.getAll()).doesNotContain("Exception").doesNotContain("ERROR");
    }

    @Test
    void theSiteIsMappedAheadOfActuatorsEndpointMappingUnlessItTakesEveryPath() {
        ReactiveWebApplicationContextRunner webflux = this.runner.withConfiguration(
                AutoConfigurations.of(WebFluxAutoConfiguration.class, HttpHandlerAutoConfiguration.class));
        webflux.withUserConfiguration(Site.class).run(context -> {
            RouterFunctionMapping mapping = context.getBean("twistedWebSiteMapping", RouterFunctionMapping.class);
            assertThat(mapping.getOrder()).isEqualTo(TwistedWebAutoConfiguration.SITE_MAPPING_ORDER).isLessThan(-100);
            WebTestClient client = WebTestClient.bindToApplicationContext(context).build();
            client.get().uri("/web/hello").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("hi");
            client.get().uri("/elsewhere").exchange().expectStatus().isNotFound();
        });
        webflux.withUserConfiguration(Site.class).withPropertyValues("twisted.web.mount-path=/").run(context -> {
            assertThat(context.getBean("twistedWebSiteMapping", RouterFunctionMapping.class).getOrder())
                    .isEqualTo(Ordered.LOWEST_PRECEDENCE);
            WebTestClient.bindToApplicationContext(context).build().get().uri("/hello").exchange().expectStatus().isOk()
                    .expectBody(String.class).isEqualTo("hi");
        });
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aFilterReadingTheFormFirstReadsItWithinMaxBodySizeAndTheTreeGetsTheSameForm(CapturedOutput output) {
        serving(FormFirstSite.class, "twisted.web.max-body-size=2MB").run(context -> {
            assertThat(context).hasNotFailed();
            WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port(context))
                    .responseTimeout(java.time.Duration.ofSeconds(20)).build();
            client.post().uri("/web/form").contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
                    .bodyValue("_csrf=token&name=" + "x".repeat(1024 * 1024)).exchange().expectStatus().isOk()
                    .expectHeader().valueEquals("X-Filter-Saw", "token")
                    .expectBody(String.class).isEqualTo("the tree saw 1048576 chars");
            client.post().uri("/elsewhere").contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
                    .bodyValue("_csrf=token").exchange().expectStatus().isNotFound();
        });
        assertThat(output.getAll()).doesNotContain("ERROR");
    }

    private static ReactiveWebApplicationContextRunner serving(Class<?> site, String... properties) {
        return new ReactiveWebApplicationContextRunner(AnnotationConfigReactiveWebServerApplicationContext::new)
                .withConfiguration(AutoConfigurations.of(NettyReactiveWebServerAutoConfiguration.class,
                        HttpHandlerAutoConfiguration.class, WebFluxAutoConfiguration.class,
                        TwistedReactorAutoConfiguration.class, TwistedWebAutoConfiguration.class))
                .withUserConfiguration(site).withPropertyValues("server.port=0").withPropertyValues(properties);
    }

    private static int port(org.springframework.context.ApplicationContext context) {
        return ((ReactiveWebServerApplicationContext) ((org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext) context)
                .getSourceApplicationContext()).getWebServer().getPort();
    }

    /** A site behind a filter that reads the form before the tree, as Spring Security's CSRF check does. */
    @Configuration(proxyBeanMethods = false)
    static class FormFirstSite {

        @Bean
        WebFilter readsTheFormFirst() {
            return (exchange, chain) -> exchange.getFormData().flatMap(form -> {
                exchange.getResponse().getHeaders().add("X-Filter-Saw", String.valueOf(form.getFirst("_csrf")));
                return chain.filter(exchange);
            });
        }

        @Bean
        Resource root() {
            Resource root = new Resource();
            root.putChild("form", new Resource() {
                @Override
                protected Object renderPOST(Request request) {
                    return "the tree saw " + request.getArg("name").length() + " chars";
                }
            });
            return root;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ThreadSite {

        volatile @Nullable Thread requestThread;

        volatile @Nullable Thread renderThread;

        volatile boolean onReactorThread;

        @Bean
        WebFilter recordRequestThread() {
            return (exchange, chain) -> {
                this.requestThread = Thread.currentThread();
                return chain.filter(exchange);
            };
        }

        @Bean
        Resource root(Reactor reactor) {
            Resource root = new Resource();
            root.putChild("thread", new Resource() {
                @Override
                protected Object renderGET(Request request) {
                    ThreadSite.this.renderThread = Thread.currentThread();
                    ThreadSite.this.onReactorThread = reactor.isReactorThread();
                    return "rendered";
                }
            });
            return root;
        }
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
