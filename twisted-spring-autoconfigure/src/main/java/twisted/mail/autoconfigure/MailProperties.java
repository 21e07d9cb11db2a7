package twisted.mail.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where mail goes, for every mail service: {@code twisted.mail.*}.
 *
 * @param maildir the directory holding one Maildir per mailbox ({@code <maildir>/<user>/new}...)
 * @param hostname the mail servers' host name, in greetings and Received headers
 * @param domains the domains whose mail is delivered locally; mail for other domains is refused
 *        (no relaying)
 * @param mailboxes the mailboxes created at start-up, besides {@code postmaster} and one for each
 *        user under {@code twisted.cred.users}; mail to a mailbox that does not exist is refused
 *        ({@code 550})
 * @since 0.1.0
 */
@ConfigurationProperties("twisted.mail")
public record MailProperties(@DefaultValue("maildir") Path maildir, @DefaultValue("localhost") String hostname,
        @DefaultValue("localhost") List<String> domains, @DefaultValue List<String> mailboxes) {
}
