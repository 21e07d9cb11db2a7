package twisted.mail.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where mail goes, for every mail service: {@code twisted.mail.*}.
 *
 * @param maildir Directory holding one Maildir per mailbox (a directory per user, with new, cur
 *        and tmp in it), relative to the working directory unless absolute.
 * @param hostname Host name of the mail servers, in their greetings and Received headers.
 * @param domains Domains whose mail is delivered locally; mail for other domains is refused (no
 *        relaying).
 * @param mailboxes Mailboxes created at start-up, besides postmaster and one for each user under
 *        twisted.cred.users; mail to a mailbox that does not exist is refused with 550.
 * @since 0.1.0
 */
@ConfigurationProperties("twisted.mail")
public record MailProperties(@DefaultValue("maildir") Path maildir, @DefaultValue("localhost") String hostname,
        @DefaultValue("localhost") List<String> domains, @DefaultValue List<String> mailboxes) {
}
