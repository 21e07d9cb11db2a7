package twisted.mail.smtp;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole sessions fed whole, split in two at every byte boundary, and one byte at a time: the
 * replies and the stored messages are the same every time.
 */
class ESMTPFragmentationTests {

    private static final String RECEIVED = "Received: from c.example ([192.0.2.7])\r\n"
            + "\tby mx.example.com with ESMTP\r\n\tfor <alice@example.com>; Thu, 1 Jan 1970 00:00:00 +0000\r\n";

    @Test
    void aWholeSessionWithTwoMessages() {
        String input = "EHLO c.example\r\nNOOP\r\nVRFY x\r\nHELP\r\nMAIL FROM:<a@b.example> SIZE=100 BODY=8BITMIME\r\n"
                + "RCPT TO:<alice@example.com>\r\nRCPT TO:<nobody@example.com>\r\nDATA\r\n"
                + "Subject: one\r\n\r\n..dot\r\n\u00e9t\u00e9\r\n.\r\n"
                + "RSET\r\nMAIL FROM:<>\r\nRCPT TO:<alice@example.com>\r\nDATA\r\n.\r\nBOGUS\r\nQUIT\r\n";
        List<String> stored = new ArrayList<>();
        List<String> replies = SmtpFixture.everyFragmentation(input, SmtpFixture::connect, stored);
        assertThat(replies).containsExactly(
                "250-mx.example.com Hello c.example",
                "250-SIZE 10485760",
                "250-8BITMIME",
                "250-PIPELINING",
                "250 ENHANCEDSTATUSCODES",
                "250 2.0.0 OK",
                "252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery",
                "214 2.0.0 Commands: HELO EHLO MAIL RCPT DATA RSET NOOP VRFY HELP QUIT",
                "250 2.1.0 Sender <a@b.example> OK",
                "250 2.1.5 Recipient <alice@example.com> OK",
                "550 5.1.1 Recipient address rejected: User unknown: nobody@example.com",
                "354 End data with <CR><LF>.<CR><LF>",
                "250 2.0.0 OK: queued as m1",
                "250 2.0.0 OK",
                "250 2.1.0 Sender <> OK",
                "250 2.1.5 Recipient <alice@example.com> OK",
                "354 End data with <CR><LF>.<CR><LF>",
                "250 2.0.0 OK: queued as m2",
                "500 5.5.2 Command unrecognized",
                "221 2.0.0 Bye");
        assertThat(stored).containsExactly(RECEIVED + "Subject: one\r\n\r\n.dot\r\n\u00e9t\u00e9\r\n", RECEIVED);
    }

    @Test
    void smugglingAndLimitsInEveryFragmentation() {
        String input = "EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<alice@example.com>\r\nDATA\r\n"
                + "a\n.\r\nb\r.\nMAIL FROM:<x@y.example>\r\n.\r\n"
                + "NOOP " + "x".repeat(2100) + "\r\n"
                + "MAIL FROM:<a@b.example>\r\nRCPT TO:<alice@example.com>\r\nDATA\r\n" + "y".repeat(1000) + "\r\n.\r\n"
                + "MAIL FROM:<a@b.example>\r\nRCPT TO:<alice@example.com>\r\nDATA\r\nok\r\n.\r\nQUIT\r\n";
        List<String> stored = new ArrayList<>();
        List<String> replies = SmtpFixture.everyFragmentation(input, SmtpFixture::connect, stored);
        assertThat(replies).endsWith(
                "354 End data with <CR><LF>.<CR><LF>",
                "554 5.6.0 Message refused: bare CR or LF in the message (RFC 5321 section 2.3.8)",
                "500 5.5.2 Line too long",
                "250 2.1.0 Sender <a@b.example> OK",
                "250 2.1.5 Recipient <alice@example.com> OK",
                "354 End data with <CR><LF>.<CR><LF>",
                "500 5.5.2 Line too long",
                "250 2.1.0 Sender <a@b.example> OK",
                "250 2.1.5 Recipient <alice@example.com> OK",
                "354 End data with <CR><LF>.<CR><LF>",
                "250 2.0.0 OK: queued as m1",
                "221 2.0.0 Bye");
        assertThat(stored).containsExactly(RECEIVED + "ok\r\n");
    }
}
