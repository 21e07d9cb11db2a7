package twisted.web.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import twisted.defer.Deferred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TwistedJacksonAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, TwistedJacksonAutoConfiguration.class));

    @Test
    void bootsJsonMapperRefusesADeferredNamingTheFix() {
        this.runner.run(context -> assertThatExceptionOfType(DatabindException.class)
                .isThrownBy(() -> context.getBean(JsonMapper.class)
                        .writeValueAsString(Map.of("greeting", new Deferred<>())))
                .withMessageContaining("Return the Deferred itself from the controller")
                .withMessageContaining("a Deferred nested in a body cannot be written"));
    }

    @Test
    void withoutTheGuardJacksonWritesTheDeferredAsABean() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .run(context -> assertThat(context.getBean(JsonMapper.class).writeValueAsString(new Deferred<>()))
                        .contains("\"called\":false"));
    }

    @Test
    void backsOffForAModuleOfTheSameName() {
        this.runner.withBean("twistedDeferredJacksonModule", JacksonModule.class, () -> new SimpleModule("mine"))
                .run(context -> assertThat(context.getBean("twistedDeferredJacksonModule"))
                        .isNotInstanceOf(DeferredJacksonModule.class));
    }
}
