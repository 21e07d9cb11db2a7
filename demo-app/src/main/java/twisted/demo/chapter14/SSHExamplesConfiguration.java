package twisted.demo.chapter14;

import java.time.Duration;
import java.time.Instant;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import twisted.conch.SSHCommand;
import twisted.conch.ShellFactory;

/**
 * Chapter 14's server side: the shell and the commands of the demo's {@code ssh} service.
 *
 * <pre>
 * ssh -p 2222 admin@127.0.0.1              # the book's command shell
 * ssh -p 2222 admin@127.0.0.1 uptime       # a command, its output and exit status
 * ssh -p 2222 admin@127.0.0.1 rm -rf /     # no system shell: "rm: command not found", status 127
 * </pre>
 */
@Configuration(proxyBeanMethods = false)
class SSHExamplesConfiguration {

    private final Instant started = Instant.now();

    @Bean
    ShellFactory commandShell() {
        return CommandShell::new;
    }

    @Bean
    SSHCommand uptime() {
        return SSHCommand.of("uptime", (session, arguments) -> "up "
                + Duration.between(this.started, Instant.now()).toSeconds() + " seconds\n");
    }

    @Bean
    SSHCommand whoami() {
        return SSHCommand.of("whoami", (session, arguments) -> session.getUsername() + "\n");
    }

    @Bean
    SSHCommand echo() {
        return SSHCommand.of("echo", (session, arguments) -> String.join(" ", arguments) + "\n");
    }
}
