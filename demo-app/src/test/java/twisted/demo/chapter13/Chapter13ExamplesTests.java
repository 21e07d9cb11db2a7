package twisted.demo.chapter13;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chapter 13 as the demo runs it from {@code application.yml}: a message sent over the demo's SMTP
 * server lands in the Maildir and is read and deleted over its POP3 server by the demo's user.
 * Plain sockets play the mail client, line by line as in the book.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.security.user.password=test-only")
class Chapter13ExamplesTests {

    @Value("${local.twisted.smtp.port}")
    private int smtpPort;

    @Value("${local.twisted.pop3.port}")
    private int pop3Port;

    /** One line-based conversation. */
    private static final class Conversation implements AutoCloseable {

        private final Socket socket;

        private final BufferedReader in;

        private final OutputStream out;

        Conversation(int port) throws IOException {
            this.socket = new Socket("127.0.0.1", port);
            this.socket.setSoTimeout(10_000);
            this.in = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
            this.out = this.socket.getOutputStream();
        }

        /** Sends a line (when not null) and returns the reply's last line (SMTP: up to "NNN "). */
        String say(String line) throws IOException {
            if (line != null) {
                this.out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
                this.out.flush();
            }
            String reply = this.in.readLine();
            while (reply != null && reply.length() > 3 && reply.charAt(3) == '-') {
                reply = this.in.readLine();
            }
            return reply;
        }

        String readUntilDot() throws IOException {
            StringBuilder text = new StringBuilder();
            for (String line = this.in.readLine(); line != null && !line.equals("."); line = this.in.readLine()) {
                text.append(line).append('\n');
            }
            return text.toString();
        }

        @Override
        public void close() throws IOException {
            this.socket.close();
        }
    }

    @Test
    void aMessageSentOverSmtpIsReadAndDeletedOverPop3() throws Exception {
        String subject = "Chapter 13 " + UUID.randomUUID();
        try (Conversation smtp = new Conversation(this.smtpPort)) {
            assertThat(smtp.say(null)).startsWith("220 ");
            assertThat(smtp.say("EHLO client.test")).startsWith("250 ");
            assertThat(smtp.say("MAIL FROM:<reader@example.test>")).startsWith("250 ");
            assertThat(smtp.say("RCPT TO:<admin@demo.local>")).startsWith("250 ");
            assertThat(smtp.say("DATA")).startsWith("354 ");
            assertThat(smtp.say("Subject: " + subject + "\r\n\r\nHello from chapter 13.\r\n..a dot-stuffed line\r\n."))
                    .startsWith("250 ");
            assertThat(smtp.say("QUIT")).startsWith("221 ");
        }
        try (Conversation pop3 = new Conversation(this.pop3Port)) {
            assertThat(pop3.say(null)).startsWith("+OK");
            assertThat(pop3.say("USER admin")).startsWith("+OK");
            assertThat(pop3.say("PASS test-only")).startsWith("+OK");
            String stat = pop3.say("STAT");
            int count = Integer.parseInt(stat.split(" ")[1]);
            assertThat(count).isPositive();
            String found = null;
            int number = 0;
            for (int i = 1; i <= count && found == null; i++) {
                assertThat(pop3.say("RETR " + i)).startsWith("+OK");
                String message = pop3.readUntilDot();
                if (message.contains("Subject: " + subject)) {
                    found = message;
                    number = i;
                }
            }
            assertThat(found).isNotNull().contains("Received: from client.test").contains("Hello from chapter 13.")
                    .contains("\n..a dot-stuffed line\n");
            assertThat(pop3.say("DELE " + number)).startsWith("+OK");
            assertThat(pop3.say("QUIT")).startsWith("+OK");
        }
    }
}
