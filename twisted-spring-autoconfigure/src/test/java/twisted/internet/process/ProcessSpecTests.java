package twisted.internet.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProcessSpecTests {

    @Test
    void commandIsTheExecutableThenTheArgumentsAfterArgvZero() {
        assertThat(new ProcessSpec("/bin/ls", List.of("ls", "-l", "/tmp"), null, null).command())
                .containsExactly("/bin/ls", "-l", "/tmp");
        assertThat(new ProcessSpec("ls", List.of("-l"), null, null).command()).as("the classic bug").containsExactly("ls");
        assertThat(new ProcessSpec("ls", List.of(), null, null).command()).containsExactly("ls");
    }

    @Test
    void argumentsAndEnvironmentAreCopied() {
        List<String> args = new ArrayList<>(List.of("env"));
        Map<String, String> env = new HashMap<>(Map.of("A", "1"));
        ProcessSpec spec = new ProcessSpec("env", args, env, Path.of("/tmp"));
        args.add("changed");
        env.put("B", "2");
        assertThat(spec.args()).containsExactly("env");
        assertThat(spec.env()).containsOnly(Map.entry("A", "1"));
        assertThat(spec.path()).isEqualTo(Path.of("/tmp"));
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> spec.args().add("x"));
        assertThat(new ProcessSpec("env", args, null, null).env()).as("null inherits").isNull();
        assertThat(new ProcessSpec("env", args, Map.of(), null).env()).as("empty is empty").isEmpty();
    }

    @Test
    void whatAProcessCannotReceiveIsRefusedWithTheCulprit() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new ProcessSpec(" ", List.of(), null, null))
                .withMessageContaining("executable [ ]");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new ProcessSpec("echo", List.of("echo", "a\0b"), null, null))
                .withMessageContaining("args[1]");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new ProcessSpec("env", List.of(), Map.of("A=B", "1"), null))
                .withMessageContaining("[A=B]");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new ProcessSpec("env", List.of(), Map.of("", "1"), null));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new ProcessSpec("env", List.of(), Map.of("A", "\0"), null))
                .withMessageContaining("env[A]");
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatExceptionOfType(NullPointerException.class)
                .isThrownBy(() -> new ProcessSpec("echo", withNull, null, null)).withMessage("args[0]");
    }
}
