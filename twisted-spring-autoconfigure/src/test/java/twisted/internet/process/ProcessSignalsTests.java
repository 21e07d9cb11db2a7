package twisted.internet.process;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProcessSignalsTests {

    @Test
    void namesAreWrittenAsKillTakesThem() {
        assertThat(ProcessSignals.normalize("TERM")).isEqualTo("TERM");
        assertThat(ProcessSignals.normalize("sigkill")).isEqualTo("KILL");
        assertThat(ProcessSignals.normalize(" Hup ")).isEqualTo("HUP");
        assertThat(ProcessSignals.normalize("RTMIN+1")).isEqualTo("RTMIN+1");
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] { "", "SIG", "15", "TERM KILL", "TERM;reboot", "-9" }) {
            assertThatExceptionOfType(IllegalArgumentException.class).as(bad)
                    .isThrownBy(() -> ProcessSignals.normalize(bad)).withMessageContaining("not a signal name");
        }
    }

    @Test
    void thePosixNumbersAreKnownEverywhere() {
        assertThat(ProcessSignals.number("HUP")).hasValue(1);
        assertThat(ProcessSignals.number("INT")).hasValue(2);
        assertThat(ProcessSignals.number("QUIT")).hasValue(3);
        assertThat(ProcessSignals.number("ABRT")).hasValue(6);
        assertThat(ProcessSignals.number("SIGKILL")).hasValue(9);
        assertThat(ProcessSignals.number("ALRM")).hasValue(14);
        assertThat(ProcessSignals.number("term")).hasValue(15);
        assertThat(ProcessSignals.number("RTMIN+1")).isEmpty();
    }
}
