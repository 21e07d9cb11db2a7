package twisted.internet;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ListenBacklogTests {

    @Test
    void theSystemsMaximumIsReadFromItsFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("somaxconn");
        Files.writeString(file, "4096\n");
        assertThat(ListenBacklog.read(file)).isEqualTo(4096);
    }

    @Test
    void withoutAReadableNumber1024IsAskedFor(@TempDir Path dir) throws Exception {
        assertThat(ListenBacklog.read(dir.resolve("missing"))).isEqualTo(1024);
        Path file = dir.resolve("somaxconn");
        Files.writeString(file, "lots\n");
        assertThat(ListenBacklog.read(file)).isEqualTo(1024);
        Files.writeString(file, "0\n");
        assertThat(ListenBacklog.read(file)).isEqualTo(1024);
    }

    @Test
    void theDefaultBacklogIsTheSystemsMaximum() throws Exception {
        int expected = Files.isReadable(ListenBacklog.SOMAXCONN)
                ? Integer.parseInt(Files.readAllLines(ListenBacklog.SOMAXCONN).get(0).trim()) : 1024;
        assertThat(Reactor.DEFAULT_BACKLOG).isEqualTo(expected);
    }
}
