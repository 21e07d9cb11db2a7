package twisted.mail;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageContentTests {

    @Test
    void ofBytesHasTheirSizeAndReadsThemFromTheStartEachTime() throws Exception {
        MessageContent content = MessageContent.of("Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(content.size()).isEqualTo(21);
        for (int i = 0; i < 2; i++) {
            try (InputStream in = content.open()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("Subject: hi\r\n\r\nbody\r\n");
            }
        }
    }
}
