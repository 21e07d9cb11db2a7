package twisted.conch.tap;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import twisted.application.ServiceMaker;
import twisted.application.ServiceMakerContext;
import twisted.application.service.Service;
import twisted.conch.avatar.CommandUser;
import twisted.conch.SSHCommand;
import twisted.conch.ShellFactory;
import twisted.conch.checkers.AuthorizedKeys;
import twisted.conch.recvline.LineDisciplineOptions;
import twisted.cred.LoginResult;
import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.defer.Deferred;

/**
 * The {@code ssh} service: an SSH server (Twisted's {@code twistd conch}) on Apache MINA SSHD,
 * switched on with {@code twisted.services.ssh.enabled=true}; {@code tcp:2222} unless
 * {@code twisted.services.ssh.endpoint} says otherwise; its {@link ConchOptions} under
 * {@code twisted.services.ssh.options}. Users log in through the application's {@link Portal}
 * (Spring Security's users: their passwords, and public keys from the options, from
 * {@code authorized_keys} files, or from an {@link AuthorizedKeys} bean), failures slowed down by
 * the {@link LoginThrottle}. Each gets a {@link CommandUser}: the {@link ShellFactory} bean's
 * shell, edited as a terminal line discipline, and the {@link SSHCommand} beans as the commands
 * {@code ssh host COMMAND} may run. Nothing runs a system shell.
 *
 * @since 0.1.0
 */
public final class ConchServiceMaker implements ServiceMaker<ConchOptions> {

    private final Supplier<@Nullable Portal> portal;

    private final Supplier<@Nullable LoginThrottle> throttle;

    private final Supplier<@Nullable ShellFactory> shell;

    private final Supplier<List<SSHCommand>> commands;

    private final Supplier<@Nullable AuthorizedKeys> keys;

    /**
     * Creates the maker; each supplier is asked only when the service is made.
     *
     * @param portal the portal logins go through
     * @param throttle the login throttle
     * @param shell the shell's factory, or {@code null} to refuse shells
     * @param commands the commands users may run
     * @param keys the application's store of users' public keys, or {@code null}
     */
    public ConchServiceMaker(Supplier<@Nullable Portal> portal, Supplier<@Nullable LoginThrottle> throttle,
            Supplier<@Nullable ShellFactory> shell, Supplier<List<SSHCommand>> commands,
            Supplier<@Nullable AuthorizedKeys> keys) {
        this.portal = portal;
        this.throttle = throttle;
        this.shell = shell;
        this.commands = commands;
        this.keys = keys;
    }

    @Override
    public String getName() {
        return "ssh";
    }

    @Override
    public String getDescription() {
        return "SSH server (twistd conch): the application's shell and commands, logins through the portal";
    }

    @Override
    public Class<ConchOptions> getOptionsType() {
        return ConchOptions.class;
    }

    @Override
    public String getDefaultEndpoint() {
        return "tcp:2222";
    }

    /**
     * None: the SSH server keeps its own {@code options.login-timeout} and
     * {@code options.idle-timeout} (MINA's), which end the connection with an SSH disconnect
     * message naming the timeout. A generic timeout would only repeat the idle one without that
     * message, and cut a longer one set in the options: an interactive session may rightly stay
     * quiet for long (OpenSSH closes no idle session unless {@code ClientAliveInterval} is set).
     *
     * @return {@code null}
     */
    @Override
    public @Nullable Duration getDefaultIdleTimeout() {
        return null;
    }

    @Override
    public Service makeService(ServiceMakerContext context, ConchOptions options) {
        ShellFactory shellFactory = this.shell.get();
        List<SSHCommand> userCommands = List.copyOf(this.commands.get());
        LineDisciplineOptions lines = LineDisciplineOptions.defaults()
                .withPrompt((options.prompt() != null) ? options.prompt() : "");
        // Two commands of one name are refused now, not at the first login.
        new CommandUser("-", shellFactory, userCommands, lines);
        Set<String> environment = (options.environment() != null) ? new LinkedHashSet<>(options.environment())
                : twisted.conch.ssh.SSHSettings.defaults().environment();
        return SSHServers.listen(context, getName(), options, this.portal, this.throttle, this.keys.get(),
                (avatarId, mind, interfaces) -> Deferred.succeed(LoginResult.of(
                        new CommandUser(avatarId, shellFactory, userCommands, lines), () -> {
                        }, interfaces)),
                environment);
    }
}
