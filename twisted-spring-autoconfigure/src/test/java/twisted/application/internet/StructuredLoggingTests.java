package twisted.application.internet;

import java.net.Socket;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import twisted.application.testmakers.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Connection events carry the service and the peer as key-values, which structured JSON logging shows. */
@SpringBootTest(classes = TestApplication.class, properties = { "twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:0",
        "logging.structured.format.console=logstash",
        "logging.level.twisted.application.internet.StreamServerEndpointService=debug" })
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTests {

    @Value("${local.twisted.echo.port}")
    private int port;

    @Test
    void connectionEventsCarryServiceAndPeer(CapturedOutput output) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write('x');
            socket.getInputStream().read();
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> output.getOut().contains("connection lost"));
        String made = output.getOut().lines().filter(line -> line.contains("\"message\":\"connection made\""))
                .findFirst().orElseThrow();
        assertThat(made).startsWith("{").contains("\"service\":\"echo\"").contains("\"peer\":\"IPv4Address(TCP, '127.0.0.1', ");
    }
}
