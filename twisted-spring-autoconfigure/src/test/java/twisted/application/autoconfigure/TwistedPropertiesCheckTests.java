package twisted.application.autoconfigure;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import twisted.application.context.TwistedServices;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class TwistedPropertiesCheckTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TwistedPropertiesAutoConfiguration.class,
                    TwistedReactorAutoConfiguration.class, TwistedServicesAutoConfiguration.class));

    @Test
    void misspelledServicesTreeFailsNamingTheNearestKey() {
        this.runner.withPropertyValues("twisted.servics.echo.enabled=true").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new UnknownPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("'twisted.servics.echo.enabled' = 'true'")
                    .contains("did you mean 'twisted.services.echo.enabled'?");
            assertThat(analysis.getAction()).contains("twisted.strict-properties=false");
        });
    }

    @Test
    void unknownEnvironmentVariableIsOnlyWarnedAbout(CapturedOutput output) {
        // The environment is shared with other programs: CI here exports TWISTED_TEST_POSTGRES_URL.
        this.runner.withInitializer(context -> context.getEnvironment().getPropertySources()
                .replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("TWISTED_TEST_POSTGRES_URL", "r2dbc:postgresql://127.0.0.1/test"))))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(output).contains("twisted.test.postgres.url")
                            .contains("an environment variable, shared with other programs: ignored");
                });
    }

    @Test
    void misspelledKeyFailsEvenWhenAnEnvironmentVariableIsAlsoUnknown() {
        this.runner.withInitializer(context -> context.getEnvironment().getPropertySources()
                .replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("TWISTED_REQUIRE_BROWSER", "1"))))
                .withPropertyValues("twisted.reactor.thread=2").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasMessageContaining("twisted.reactor.thread")
                            .hasMessageNotContaining("twisted.require.browser");
                });
    }

    @Test
    void misspelledEndpointFailsQuotingTheValueInsteadOfListeningOnTheDefaultPort() {
        this.runner.withPropertyValues("twisted.services.echo.enabled=true", "twisted.services.echo.endpiont=tcp:8008")
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new UnknownPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("'twisted.services.echo.endpiont' = 'tcp:8008'")
                            .contains("did you mean 'twisted.services.echo.endpoint'?");
                });
    }

    @Test
    void misspelledMakerOptionFailsNamingTheOptionsTypesProperty() {
        this.runner.withPropertyValues("twisted.services.greeting.enabled=true", "twisted.services.greeting.endpoint=tcp:0",
                "twisted.services.greeting.options.greting=Carpe diem").run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new UnknownPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription())
                            .contains("'twisted.services.greeting.options.greting' = 'Carpe diem'")
                            .contains("did you mean 'twisted.services.greeting.options.greeting'?");
                });
    }

    @Test
    void optionsForAMakerThatTakesNoneFail() {
        this.runner.withPropertyValues("twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:0",
                "twisted.services.echo.options.greeting=Hi").run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new UnknownPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("'twisted.services.echo.options.greeting'")
                            .contains("nothing is bound there");
                });
    }

    @ParameterizedTest
    @CsvSource({ "twisted.reactor.thread, twisted.reactor.threads", "twisted.reactor.thread-pool.sise, twisted.reactor.thread-pool.size",
            "twisted.web.mount-pth, twisted.web.mount-path", "twisted.web.max-body, twisted.web.max-body-size",
            "twisted.cred.throttle.max-peer, twisted.cred.throttle.max-peers", "twisted.adbapi.enabeld, twisted.adbapi.enabled",
            "twisted.cred.users.bob.roels, twisted.cred.users.bob.roles", "twisted.strict-property, twisted.strict-properties",
            "twisted.webflux.deferred-adapter, twisted.web.deferred-adapter" })
    void misspelledKeyOfEveryTreeFailsNamingTheNearestKey(String typo, String known) {
        this.runner.withPropertyValues(typo + "=2").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new UnknownPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("'" + typo + "' = '2'").contains("did you mean '" + known + "'?");
        });
    }

    @Test
    void secretValuesAreNotQuoted() {
        this.runner.withPropertyValues("twisted.cred.users.bob.pasword=s3cret").run(context -> {
            FailureAnalysis analysis = new UnknownPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("did you mean 'twisted.cred.users.bob.password'?")
                    .doesNotContain("s3cret");
        });
    }

    @Test
    void aPasswordInAUrlIsNotQuoted() {
        this.runner.withPropertyValues("twisted.mail.postgres.ulr=r2dbc:postgresql://mail:s3cret@db:5432/mail").run(context -> {
            FailureAnalysis analysis = new UnknownPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("'r2dbc:postgresql://***@db:5432/mail'")
                    .contains("did you mean 'twisted.mail.postgres.url'?").doesNotContain("s3cret");
        });
    }

    @Test
    void everyKnownKeyIsAccepted() {
        this.runner.withPropertyValues("twisted.reactor.threads=1", "twisted.reactor.thread-pool.size=3",
                "twisted.reactor.nativeTransport=false", "twisted.reactor.shutdown-timeout=5s", "twisted.web.mount-path=/w",
                "twisted.web.static-directory=.", "twisted.web.max-body-size=1MB", "twisted.web.share-reactor-loop=true",
                "twisted.cred.users.bob.password=pw", "twisted.cred.users.bob.roles[0]=admin",
                "twisted.cred.throttle.max-peers=5", "twisted.adbapi.enabled=false", "twisted.strict-properties=true",
                "twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:0",
                "twisted.services.echo.maxConnections=5", "twisted.services.echo.idle-timeout=1m",
                "twisted.services.echo.address=127.0.0.1", "twisted.services.greeting.enabled=true",
                "twisted.services.greeting.endpoint=tcp:0", "twisted.services.greeting.options.greeting=Hi")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void strictPropertiesFalseLogsUnknownKeysInsteadOfFailing(CapturedOutput output) {
        this.runner.withPropertyValues("twisted.strict-properties=false", "twisted.services.echo.enabled=true",
                "twisted.services.echo.endpoint=tcp:0", "twisted.services.echo.endpiont=tcp:8008",
                "twisted.services.ecoh.endpoint=tcp:0").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(output).contains("'twisted.services.echo.endpiont' = 'tcp:8008'")
                            .contains("did you mean 'twisted.services.echo.endpoint'?")
                            .contains("no ServiceMaker and no Factory bean is named 'ecoh'; did you mean 'echo'?");
                });
    }

    @Test
    void everyTwistedPropertiesClassIsChecked() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Set<Class<?>> found = scanner.findCandidateComponents("twisted").stream()
                .map(definition -> ClassUtils.resolveClassName(definition.getBeanClassName(), null))
                .filter(type -> type.getAnnotation(ConfigurationProperties.class).value().startsWith("twisted."))
                .collect(Collectors.toSet());
        assertThat(found).contains(TwistedServicesProperties.class);
        assertThat(TwistedPropertiesCheck.PROPERTIES_CLASSES.values()).containsExactlyInAnyOrderElementsOf(found);
        TwistedPropertiesCheck.PROPERTIES_CLASSES.forEach((key, type) -> assertThat(
                type.getAnnotation(ConfigurationProperties.class).value()).isEqualTo("twisted." + key));
        assertThat(TwistedServices.PREFIX).isEqualTo("twisted.services");
    }
}
