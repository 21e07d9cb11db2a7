package twisted.demo.chapter14;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import twisted.conch.client.CommandResult;
import twisted.conch.client.HostKeyPolicy;
import twisted.conch.client.SSHClient;
import twisted.conch.client.SSHClientOptions;
import twisted.defer.Deferred;
import twisted.demo.ReactorThread;
import twisted.internet.Reactor;

/**
 * Chapter 14's client side: {@code GET /ssh/run?command=...} runs a command with the project's
 * {@link SSHClient} on the demo's own {@code ssh} service, logged in as the demo's user, and
 * answers its output and exit status. The server's host key is trusted on first use and kept in
 * {@code target/ssh-client/known_hosts} (OpenSSH's {@code accept-new}); a changed key is refused.
 *
 * <pre>
 * curl -u admin:change-me 'http://127.0.0.1:8080/ssh/run?command=uptime'
 * {"command":"uptime","exitStatus":0,"stdout":"up 42 seconds\n","stderr":""}
 * </pre>
 */
@RestController
class RemoteCommandController implements DisposableBean {

    private final Reactor reactor;

    private final Environment environment;

    private final SSHClient client;

    RemoteCommandController(Reactor reactor, Environment environment,
            @Value("${spring.security.user.name}") String user, @Value("${spring.security.user.password}") String password,
            @Value("${demo.ssh.known-hosts:target/ssh-client/known_hosts}") Path knownHosts) throws IOException {
        this.reactor = reactor;
        this.environment = environment;
        Files.createDirectories(knownHosts.toAbsolutePath().getParent());
        char[] secret = password.toCharArray();
        this.client = new SSHClient(reactor, SSHClientOptions.builder(user).knownHosts(knownHosts)
                .hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW).password(() -> secret.clone()).build());
    }

    @GetMapping("/ssh/run")
    Deferred<Map<String, Object>> run(@RequestParam String command) {
        int port = this.environment.getRequiredProperty("local.twisted.ssh.port", Integer.class);
        return ReactorThread.onReactor(this.reactor,
                () -> this.client.runCommand("127.0.0.1", port, command).thenApply(result -> report(command, result)));
    }

    private static Map<String, Object> report(String command, CommandResult result) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("command", command);
        report.put("exitStatus", result.exitStatus());
        report.put("stdout", result.stdoutText());
        report.put("stderr", result.stderrText());
        return report;
    }

    @Override
    public void destroy() {
        this.client.close();
    }
}
