package twisted.internet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import twisted.testing.StringTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Factories and protocols are named in log lines, not shown as object ids. */
@ExtendWith(OutputCaptureExtension.class)
class NamesInLogsTests {

    static class Echo extends Protocol {
    }

    public static class Greeter extends Protocol {

        public Greeter() {
        }
    }

    static class Named extends Protocol {

        Named(String name) {
        }
    }

    static class EchoFactory extends Factory {

        @Override
        public Protocol buildProtocol(Address address) {
            return new Echo();
        }
    }

    private static final Address PEER = new IPv4Address("TCP", "192.168.1.1", 54321);

    @Test
    void aFactoryIsNamedByTheProtocolItsSupplierBuilds() {
        Factory factory = Factory.forProtocol(Echo::new);
        assertThat(factory).hasToString("Factory");
        factory.buildProtocol(PEER);
        assertThat(factory).hasToString("Factory(Echo)");
    }

    @Test
    void aFactoryForAProtocolClassIsNamedFromTheStartAndBuildsThatClass(CapturedOutput output) {
        Factory factory = Factory.forProtocol(Greeter.class);
        assertThat(factory).hasToString("Factory(Greeter)");
        factory.doStart();
        assertThat(output).contains("Starting factory Factory(Greeter)");
        Protocol first = factory.buildProtocol(PEER);
        assertThat(first).isInstanceOf(Greeter.class).isNotSameAs(factory.buildProtocol(PEER));
        assertThat(first.getFactory()).isSameAs(factory);
        factory.doStop();
    }

    @Test
    void aProtocolClassWithoutAPublicNoArgumentConstructorIsRefusedSayingWhatToWrite() {
        assertThatIllegalArgumentException().isThrownBy(() -> Factory.forProtocol(Named.class))
                .withMessageContaining("no public no-argument constructor")
                .withMessageContaining("Factory.forProtocol(() -> new Named(...))");
    }

    @Test
    void aFactorySubclassIsNamedByItsClass() {
        assertThat(new EchoFactory()).hasToString("EchoFactory");
    }

    @Test
    void startingAndStoppingLogTheFactorysName(CapturedOutput output) {
        Factory factory = Factory.forProtocol(Echo::new);
        factory.doStart();
        factory.buildProtocol(PEER);
        factory.doStop();
        assertThat(output).contains("Starting factory Factory").contains("Stopping factory Factory(Echo)")
                .doesNotContain("Factory@");
    }

    @Test
    void aProtocolIsNamedByItsClassAndPeer() {
        Echo echo = new Echo();
        assertThat(echo).hasToString("Echo(not connected)");
        echo.makeConnection(new StringTransport());
        assertThat(echo).hasToString("Echo(peer=IPv4Address(TCP, '192.168.1.1', 54321))");
    }
}
