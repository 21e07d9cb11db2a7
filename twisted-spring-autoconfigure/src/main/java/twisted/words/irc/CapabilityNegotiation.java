package twisted.words.irc;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * {@link IRCClient}'s IRCv3 capability negotiation and SASL PLAIN login: {@code CAP LS 302},
 * {@code REQ}, {@code ACK}, {@code NAK}, {@code NEW} and {@code DEL}, then {@code AUTHENTICATE}
 * in 400-byte chunks and {@code CAP END}. It holds the SASL password, which it sends and never
 * logs. What the client exposes ({@link IRCClient#wantedCapabilities},
 * {@link IRCClient#saslFailed}, {@link IRCClient#ircUnknown}) is called back on the client.
 */
final class CapabilityNegotiation {

    /** The most base64 characters one {@code AUTHENTICATE} carries. */
    private static final int SASL_CHUNK = 400;

    private final IRCClient client;

    private final Runnable disconnect;

    private final Map<String, @Nullable String> offered = new LinkedHashMap<>();

    private final Set<String> enabled = new LinkedHashSet<>();

    private boolean echoMessage;

    private @Nullable String saslAuthzid;

    private @Nullable String saslUsername;

    private @Nullable String saslPassword;

    private boolean saslRequired;

    private boolean negotiating;

    private boolean requested;

    private boolean saslInProgress;

    /**
     * @param client sends the commands and receives the callbacks
     * @param disconnect closes the connection, after a failed SASL login that was required
     */
    CapabilityNegotiation(IRCClient client, Runnable disconnect) {
        this.client = client;
        this.disconnect = disconnect;
    }

    void setEchoMessage(boolean echoMessage) {
        this.echoMessage = echoMessage;
    }

    void setSaslAccount(@Nullable String authzid, String username, String password) {
        this.saslAuthzid = authzid;
        this.saslUsername = Objects.requireNonNull(username, "username");
        this.saslPassword = Objects.requireNonNull(password, "password");
    }

    void setSaslRequired(boolean saslRequired) {
        this.saslRequired = saslRequired;
    }

    Set<String> enabled() {
        return Collections.unmodifiableSet(this.enabled);
    }

    /** Opens negotiation: {@code CAP LS 302}; registration waits for {@code CAP END}. */
    void start() {
        this.negotiating = true;
        this.requested = false;
        this.client.sendCommand("CAP", "LS", "302");
    }

    /** The server welcomed us: whatever was still negotiating is over. */
    void welcomed() {
        this.negotiating = false;
    }

    /** The default of {@link IRCClient#wantedCapabilities}. */
    Set<String> defaultWanted(Map<String, @Nullable String> offered) {
        Set<String> wanted = new LinkedHashSet<>(List.of("message-tags", "server-time", "multi-prefix", "cap-notify"));
        if (this.echoMessage) {
            wanted.add("echo-message");
        }
        String mechanisms = offered.get("sasl");
        if (this.saslUsername != null && offered.containsKey("sasl")
                && (mechanisms == null || List.of(mechanisms.split(",")).contains("PLAIN"))) {
            wanted.add("sasl");
        }
        wanted.retainAll(offered.keySet());
        return wanted;
    }

    /** {@code CAP <target> <subcommand> [*] :<list>}. */
    void cap(IRCMessage message) {
        List<String> p = message.params();
        String subcommand = p.get(1).toUpperCase(Locale.ROOT);
        boolean more = p.size() > 3 && p.get(2).equals("*");
        String list = (p.size() > 2) ? Objects.requireNonNull(message.lastParam()) : "";
        switch (subcommand) {
            case "LS" -> listed(list, more);
            case "NEW" -> added(list);
            case "DEL" -> removed(list);
            case "ACK" -> acknowledged(list);
            case "NAK" -> {
                if (this.negotiating && !this.saslInProgress) {
                    end();
                }
            }
            default -> this.client.ircUnknown(message.prefix(), message.command(), message.params());
        }
    }

    private void listed(String list, boolean more) {
        read(list, this.offered);
        if (!more && this.negotiating && !this.requested) {
            this.requested = true;
            Set<String> wanted = this.client.wantedCapabilities(this.offered);
            if (wanted.isEmpty()) {
                end();
            }
            else {
                this.client.sendCommand("CAP", "REQ", String.join(" ", wanted));
            }
        }
    }

    private void added(String list) {
        Map<String, @Nullable String> added = new LinkedHashMap<>();
        read(list, added);
        this.offered.putAll(added);
        Set<String> wanted = this.client.wantedCapabilities(added);
        wanted.remove("sasl");
        wanted.removeAll(this.enabled);
        if (!wanted.isEmpty()) {
            this.client.sendCommand("CAP", "REQ", String.join(" ", wanted));
        }
    }

    private void removed(String list) {
        for (String name : IRCClient.words(list)) {
            this.offered.remove(name);
            this.enabled.remove(name);
        }
    }

    private void acknowledged(String list) {
        for (String name : IRCClient.words(list)) {
            if (name.startsWith("-")) {
                this.enabled.remove(name.substring(1));
            }
            else {
                this.enabled.add(name);
            }
        }
        if (this.negotiating && !this.saslInProgress) {
            if (this.enabled.contains("sasl") && this.saslUsername != null) {
                this.saslInProgress = true;
                this.client.sendCommand("AUTHENTICATE", "PLAIN");
            }
            else {
                end();
            }
        }
    }

    /** {@code AUTHENTICATE +}: the server is ready for the PLAIN payload. */
    void authenticate(IRCMessage message) {
        if (!this.saslInProgress || !"+".equals(message.params().get(0)) || this.saslUsername == null
                || this.saslPassword == null) {
            return;
        }
        String authzid = (this.saslAuthzid != null) ? this.saslAuthzid : "";
        byte[] plain = (authzid + '\0' + this.saslUsername + '\0' + this.saslPassword).getBytes(StandardCharsets.UTF_8);
        String payload = Base64.getEncoder().encodeToString(plain);
        for (int start = 0; start < payload.length(); start += SASL_CHUNK) {
            this.client.sendCommand("AUTHENTICATE", payload.substring(start, Math.min(payload.length(), start + SASL_CHUNK)));
        }
        if (payload.length() % SASL_CHUNK == 0) {
            this.client.sendCommand("AUTHENTICATE", "+");
        }
    }

    /** {@code 903} or {@code 907}: logged in (or already were); negotiation can end. */
    void saslSucceeded() {
        this.saslInProgress = false;
        end();
    }

    /** {@code 904}, {@code 905} or {@code 906}: quit if SASL is required, else go on without it. */
    void saslFailed(IRCMessage message) {
        if (!this.saslInProgress) {
            return;
        }
        this.saslInProgress = false;
        this.client.saslFailed(message.command(), Objects.requireNonNullElse(message.lastParam(), ""));
        if (this.saslRequired) {
            this.client.quit("SASL authentication failed");
            this.disconnect.run();
        }
        else {
            end();
        }
    }

    private void end() {
        if (this.negotiating) {
            this.negotiating = false;
            this.client.sendCommand("CAP", "END");
        }
    }

    private static void read(String list, Map<String, @Nullable String> into) {
        for (String token : IRCClient.words(list)) {
            int equals = token.indexOf('=');
            if (equals < 0) {
                into.put(token, null);
            }
            else {
                into.put(token.substring(0, equals), token.substring(equals + 1));
            }
        }
    }

    /** Never shows the SASL account. */
    @Override
    public String toString() {
        return "CapabilityNegotiation" + this.enabled;
    }
}
