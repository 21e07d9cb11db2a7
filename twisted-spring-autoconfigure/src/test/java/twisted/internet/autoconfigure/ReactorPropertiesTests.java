package twisted.internet.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import twisted.internet.netty.NettyReactor;

import static org.assertj.core.api.Assertions.assertThat;

class ReactorPropertiesTests {

    private static ReactorProperties bindNothing() {
        return new Binder(new MapConfigurationPropertySource()).bindOrCreate("twisted.reactor",
                Bindable.of(ReactorProperties.class));
    }

    @Test
    void defaultValuesAreTheBuildersDefaults() {
        ReactorProperties properties = bindNothing();
        assertThat(properties.threads()).isEqualTo(NettyReactor.Builder.DEFAULT_THREADS);
        assertThat(properties.nativeTransport()).isEqualTo(NettyReactor.Builder.DEFAULT_NATIVE_TRANSPORT);
        assertThat(properties.threadPool().size()).isEqualTo(NettyReactor.Builder.DEFAULT_THREAD_POOL_SIZE);
        assertThat(properties.shutdownTimeout()).isEqualTo(NettyReactor.Builder.DEFAULT_SHUTDOWN_TIMEOUT);
        assertThat(properties.maxSpawnsInFlight()).isEqualTo(NettyReactor.Builder.DEFAULT_MAX_SPAWNS_IN_FLIGHT);
    }

    @Test
    void defaultValuesAreWhatAReactorBuiltWithoutSettingsUses() {
        ReactorProperties properties = bindNothing();
        NettyReactor library = NettyReactor.create();
        assertThat(properties.threads()).isEqualTo(library.getStatistics().threads());
        assertThat(properties.threadPool().size()).isEqualTo(library.getStatistics().threadPoolSize());
    }
}
