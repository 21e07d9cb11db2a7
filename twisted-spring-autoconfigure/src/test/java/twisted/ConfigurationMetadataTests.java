package twisted;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;
import org.springframework.util.StreamUtils;
import org.springframework.util.unit.DataSize;
import twisted.application.ServiceMaker;
import twisted.application.autoconfigure.TwistedPropertiesAutoConfiguration;
import twisted.application.autoconfigure.TwistedServicesAutoConfiguration;
import twisted.application.autoconfigure.TwistedServicesHealthContributorAutoConfiguration;
import twisted.application.context.TwistedServices;
import twisted.conch.autoconfigure.TwistedConchAutoConfiguration;
import twisted.conch.ssh.SSHSettings;
import twisted.conch.tap.ConchServiceMaker;
import twisted.conch.tap.ManholeServiceMaker;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;
import twisted.mail.autoconfigure.TwistedMailAutoConfiguration;
import twisted.mail.imap.IMAPSettings;
import twisted.mail.pop3.POP3Settings;
import twisted.mail.smtp.SMTPSettings;
import twisted.mail.tap.IMAPServiceMaker;
import twisted.mail.tap.POP3ServiceMaker;
import twisted.mail.tap.SMTPServiceMaker;
import twisted.words.autoconfigure.TwistedWordsAutoConfiguration;
import twisted.words.irc.server.IRCServerSettings;
import twisted.words.tap.IRCOptions;
import twisted.words.tap.IRCServiceMaker;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The configuration metadata the build generates (from the properties classes' javadoc and
 * {@code @DefaultValue}s, merged with {@code additional-spring-configuration-metadata.json}) is the
 * IDE's documentation of every {@code twisted.*} property. Each default written there must be what
 * binding an empty environment gives, so that changing a default in one place only fails here, and
 * each description must be a plain sentence.
 */
class ConfigurationMetadataTests {

    /**
     * What the irc service runs with when a limit is unset: {@code IRCServiceMaker} takes each
     * unset {@code limits.*} option from the server's defaults.
     */
    private static final IRCServerSettings IRC_SERVER = IRCServerSettings.defaults();

    /** What the smtp service runs with when an option is unset: {@code SMTPServiceMaker} takes the server's defaults. */
    private static final SMTPSettings SMTP_SERVER = SMTPSettings.defaults();

    /** What the imap service runs with when an option is unset: {@code IMAPServiceMaker} takes the server's defaults. */
    private static final IMAPSettings IMAP_SERVER = IMAPSettings.defaults();

    /** What the pop3 service runs with when an option is unset: {@code POP3ServiceMaker} takes the server's defaults. */
    private static final POP3Settings POP3_SERVER = POP3Settings.defaults();

    /** What the ssh and manhole services run with when an option is unset: the SSH server's defaults. */
    private static final SSHSettings SSH_SERVER = SSHSettings.defaults();

    /**
     * Properties with a default but no properties class to bind (declared by hand in the additional
     * metadata), with what an empty environment gives for each.
     */
    private static final Map<String, Supplier<Object>> WITHOUT_SOURCE_TYPE = Map.ofEntries(
            entry("management.health.twisted.enabled", ConfigurationMetadataTests::servicesHealthContributorIsPresent),
            entry("twisted.strict-properties", ConfigurationMetadataTests::unknownKeyFailsStartup),
            entry("twisted.services.irc.enabled", ConfigurationMetadataTests::ircServiceRuns),
            entry("twisted.services.irc.endpoint", () -> new IRCServiceMaker(() -> null, () -> null).getDefaultEndpoint()),
            entry("twisted.services.irc.options.server-name", () -> ircOptions().serverName()),
            entry("twisted.services.irc.options.network-name", () -> ircOptions().networkName()),
            entry("twisted.services.irc.options.require-login", () -> ircOptions().requireLogin()),
            entry("twisted.services.irc.options.create-channels-on-join", () -> ircOptions().createChannelsOnJoin()),
            entry("twisted.services.irc.options.limits.nick-length", () -> IRC_SERVER.nickLength()),
            entry("twisted.services.irc.options.limits.channel-length", () -> IRC_SERVER.channelLength()),
            entry("twisted.services.irc.options.limits.topic-length", () -> IRC_SERVER.topicLength()),
            entry("twisted.services.irc.options.limits.channels-per-client", () -> IRC_SERVER.channelsPerClient()),
            entry("twisted.services.irc.options.limits.clients-per-host", () -> IRC_SERVER.clientsPerHost()),
            entry("twisted.services.irc.options.limits.targets-per-message", () -> IRC_SERVER.targetsPerMessage()),
            entry("twisted.services.irc.options.limits.max-bans", () -> IRC_SERVER.maxListEntries()),
            entry("twisted.services.irc.options.limits.flood-burst", () -> IRC_SERVER.floodBurst()),
            entry("twisted.services.irc.options.limits.flood-rate", () -> IRC_SERVER.floodRate()),
            entry("twisted.services.irc.options.limits.registration-timeout", () -> IRC_SERVER.registrationTimeout()),
            entry("twisted.services.irc.options.limits.ping-interval", () -> IRC_SERVER.pingInterval()),
            entry("twisted.services.irc.options.limits.ping-timeout", () -> IRC_SERVER.pingTimeout()),
            entry("twisted.services.irc.options.limits.send-queue", () -> DataSize.ofBytes(IRC_SERVER.sendQueueBytes())),
            entry("twisted.services.imap.enabled", () -> mailServiceRuns("imap")),
            entry("twisted.services.imap.endpoint", () -> new IMAPServiceMaker(null).getDefaultEndpoint()),
            entry("twisted.services.imap.options.idle-timeout", () -> IMAP_SERVER.idleTimeout()),
            entry("twisted.services.imap.options.max-bad-commands", () -> IMAP_SERVER.maxBadCommands()),
            entry("twisted.services.imap.options.allow-login-without-tls", () -> IMAP_SERVER.allowLoginWithoutTls()),
            entry("twisted.services.imap.options.max-literal-size",
                    () -> DataSize.ofBytes(IMAP_SERVER.limits().maxLiteralSize())),
            entry("twisted.services.imap.options.max-line-length",
                    () -> DataSize.ofBytes(IMAP_SERVER.limits().maxLineLength())),
            entry("twisted.services.imap.options.max-sessions-per-user", () -> IMAP_SERVER.maxSessionsPerUser()),
            entry("twisted.services.smtp.enabled", () -> mailServiceRuns("smtp")),
            entry("twisted.services.smtp.endpoint", () -> new SMTPServiceMaker(null).getDefaultEndpoint()),
            entry("twisted.services.smtp.options.max-message-size", () -> DataSize.ofBytes(SMTP_SERVER.maxMessageSize())),
            entry("twisted.services.smtp.options.max-recipients", () -> SMTP_SERVER.maxRecipients()),
            entry("twisted.services.smtp.options.max-bad-commands", () -> SMTP_SERVER.maxBadCommands()),
            entry("twisted.services.smtp.options.idle-timeout", () -> SMTP_SERVER.idleTimeout()),
            entry("twisted.services.smtp.options.allow-auth-without-tls", () -> SMTP_SERVER.allowAuthWithoutTls()),
            entry("twisted.services.pop3.enabled", () -> mailServiceRuns("pop3")),
            entry("twisted.services.pop3.endpoint", () -> new POP3ServiceMaker(null).getDefaultEndpoint()),
            entry("twisted.services.pop3.options.idle-timeout", () -> POP3_SERVER.idleTimeout()),
            entry("twisted.services.pop3.options.max-bad-commands", () -> POP3_SERVER.maxBadCommands()),
            entry("twisted.services.pop3.options.require-tls-for-login", () -> POP3_SERVER.requireTlsForLogin()),
            entry("twisted.services.ssh.enabled", () -> conchServiceRuns("ssh")),
            entry("twisted.services.ssh.options.password-logins", () -> SSH_SERVER.passwordLogins()),
            entry("twisted.services.ssh.options.public-key-logins", () -> SSH_SERVER.publicKeyLogins()),
            entry("twisted.services.ssh.options.keyboard-interactive-logins", () -> SSH_SERVER.keyboardInteractiveLogins()),
            entry("twisted.services.ssh.options.login-timeout", () -> SSH_SERVER.loginTimeout()),
            entry("twisted.services.ssh.options.idle-timeout", () -> SSH_SERVER.idleTimeout()),
            entry("twisted.services.ssh.options.max-login-attempts", () -> SSH_SERVER.maxLoginAttempts()),
            entry("twisted.services.ssh.options.max-sessions-per-connection", () -> SSH_SERVER.maxSessionsPerConnection()),
            entry("twisted.services.manhole.enabled", () -> conchServiceRuns("manhole")),
            entry("twisted.services.manhole.options.password-logins", () -> SSH_SERVER.passwordLogins()),
            entry("twisted.services.manhole.options.public-key-logins", () -> SSH_SERVER.publicKeyLogins()),
            entry("twisted.services.manhole.options.keyboard-interactive-logins", () -> SSH_SERVER.keyboardInteractiveLogins()),
            entry("twisted.services.manhole.options.login-timeout", () -> SSH_SERVER.loginTimeout()),
            entry("twisted.services.manhole.options.idle-timeout", () -> SSH_SERVER.idleTimeout()),
            entry("twisted.services.manhole.options.max-login-attempts", () -> SSH_SERVER.maxLoginAttempts()),
            entry("twisted.services.manhole.options.max-sessions-per-connection", () -> SSH_SERVER.maxSessionsPerConnection()),
            entry("twisted.services.ssh.endpoint", () -> new ConchServiceMaker(() -> null, () -> null, () -> null, List::of, () -> null).getDefaultEndpoint()),
            entry("twisted.services.manhole.endpoint", () -> new ManholeServiceMaker(() -> null, () -> null, () -> null, () -> null, Map::of).getDefaultEndpoint()),
            entry("twisted.services.manhole.options.role", () -> ManholeServiceMaker.DEFAULT_ROLE),
            entry("twisted.services.manhole.options.evaluation-timeout", () -> ManholeServiceMaker.DEFAULT_EVALUATION_TIMEOUT));

    /** Properties whose default Spring Boot's processor writes for every endpoint: Boot's, not ours to check. */
    private static final Set<String> SPRING_BOOTS = Set.of("management.endpoint.twisted.cache.time-to-live");

    private static List<Map<String, Object>> groups;

    private static List<Map<String, Object>> properties;

    private static String json;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readTheGeneratedMetadata() throws IOException {
        URL ours = null;
        for (URL url : Collections.list(ConfigurationMetadataTests.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            if ("file".equals(url.getProtocol())) {
                ours = url;
            }
        }
        assertThat(ours).as("target/classes/META-INF/spring-configuration-metadata.json").isNotNull();
        assertThat(Path.of(ours.getPath()).toString()).contains(Path.of("target", "classes").toString());
        try (InputStream in = ours.openStream()) {
            json = StreamUtils.copyToString(in, StandardCharsets.UTF_8);
        }
        Map<String, Object> metadata = JsonParserFactory.getJsonParser().parseMap(json);
        groups = (List<Map<String, Object>>) metadata.get("groups");
        properties = (List<Map<String, Object>>) metadata.get("properties");
    }

    @Test
    void everyPropertyIsOurs() {
        assertThat(properties).extracting(property -> (String) property.get("name")).isNotEmpty()
                .allMatch(name -> name.startsWith("twisted.") || name.startsWith("management.endpoint.twisted.")
                        || name.equals("management.health.twisted.enabled"));
    }

    @Test
    void everyDefaultValueIsWhatBindingNothingGives() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Map<String, Object> property : properties) {
            String name = (String) property.get("name");
            Object defaultValue = property.get("defaultValue");
            if (defaultValue == null || SPRING_BOOTS.contains(name)) {
                continue;
            }
            Object bound = (property.get("sourceType") != null) ? boundWithNothingSet(name)
                    : WITHOUT_SOURCE_TYPE.getOrDefault(name, () -> fail(name + " has a default but no sourceType: "
                            + "add it to WITHOUT_SOURCE_TYPE with what an empty environment gives")).get();
            assertThat(bound).as("%s: default in the metadata %s, bound from nothing %s", name, defaultValue, bound)
                    .isEqualTo(convert(defaultValue, bound));
            checked.add(name);
        }
        assertThat(checked).contains("twisted.reactor.threads", "twisted.reactor.thread-pool.size",
                "twisted.reactor.shutdown-timeout", "twisted.web.deferred-adapter", "twisted.web.max-body-size",
                "twisted.cred.throttle.max-delay", "twisted.adbapi.enabled", "management.health.twisted.enabled",
                "management.endpoint.twisted.access", "twisted.services.irc.enabled", "twisted.services.irc.endpoint",
                "twisted.services.irc.options.server-name", "twisted.services.irc.options.limits.flood-rate",
                "twisted.services.irc.options.limits.send-queue", "twisted.services.smtp.enabled",
                "twisted.services.smtp.options.max-message-size", "twisted.services.pop3.endpoint",
                "twisted.services.pop3.options.require-tls-for-login", "twisted.services.imap.enabled",
                "twisted.services.imap.options.max-literal-size", "twisted.services.ssh.enabled",
                "twisted.services.manhole.endpoint");
    }

    @Test
    void everyServiceIdleTimeoutTheMetadataDocumentsIsNoneInItsMaker() {
        Map<String, ServiceMaker<?>> makers = Map.of("irc", new IRCServiceMaker(() -> null, () -> null),
                "imap", new IMAPServiceMaker(null), "smtp", new SMTPServiceMaker(null), "pop3", new POP3ServiceMaker(null),
                "ssh", new ConchServiceMaker(() -> null, () -> null, () -> null, List::of, () -> null),
                "manhole", new ManholeServiceMaker(() -> null, () -> null, () -> null, () -> null, Map::of));
        List<Map<String, Object>> documented = properties.stream()
                .filter(property -> ((String) property.get("name")).matches("twisted\\.services\\.[^.]+\\.idle-timeout"))
                .toList();
        assertThat(documented).extracting(property -> (String) property.get("name")).containsExactlyInAnyOrderElementsOf(
                makers.keySet().stream().map(name -> "twisted.services." + name + ".idle-timeout").toList());
        for (Map<String, Object> property : documented) {
            String name = (String) property.get("name");
            ServiceMaker<?> maker = makers.get(name.split("\\.")[2]);
            assertThat(property.get("defaultValue")).as(name).isNull();
            assertThat((String) property.get("description")).as(name).contains("When not set, none: ");
            assertThat(maker.getDefaultIdleTimeout()).as("%s: %s keeps its own", name, maker.getName()).isNull();
        }
    }

    @Test
    void everyScalarDefaultIsInTheMetadata() throws Exception {
        for (Map<String, Object> property : properties) {
            if (property.get("sourceType") == null || property.get("defaultValue") != null) {
                continue;
            }
            String name = (String) property.get("name");
            Object bound = boundWithNothingSet(name);
            boolean scalar = bound instanceof String || bound instanceof Number || bound instanceof Boolean
                    || bound instanceof Duration || bound instanceof DataSize || bound instanceof Enum;
            assertThat(scalar).as("%s binds to %s from nothing, but the metadata shows no default", name, bound).isFalse();
        }
    }

    @Test
    void everyDescriptionIsAPlainSentence() {
        for (Map<String, Object> property : properties) {
            String name = (String) property.get("name");
            String description = (String) property.get("description");
            assertThat(description).as(name).isNotBlank();
            assertThat(Character.isUpperCase(description.charAt(0))).as("%s starts with a capital: %s", name, description)
                    .isTrue();
            assertThat(description).as(name).endsWith(".").doesNotContain("{@").doesNotContain("<")
                    .doesNotStartWith("The ").doesNotStartWith("A ");
            if ("java.lang.Boolean".equals(property.get("type"))) {
                assertThat(description).as(name).startsWith("Whether ");
            }
        }
        assertThat(json).doesNotContain("{@");
    }

    /**
     * Binds the properties class that owns the property to an empty environment and reads the
     * property; for an endpoint's access, reads its {@code @Endpoint} annotation.
     */
    private static Object boundWithNothingSet(String name) throws Exception {
        Map<String, Object> group = owningGroup(name);
        String prefix = (String) group.get("name");
        Class<?> type = ClassUtils.forName((String) group.get("type"), null);
        if (type.isAnnotationPresent(Endpoint.class)) {
            assertThat(name).isEqualTo(prefix + ".access");
            return type.getAnnotation(Endpoint.class).defaultAccess();
        }
        Object value = new Binder(new MapConfigurationPropertySource()).bindOrCreate(prefix, Bindable.of(type));
        if (name.length() > prefix.length()) {
            for (String segment : name.substring(prefix.length() + 1).split("\\.")) {
                value = accessor(value.getClass(), segment).invoke(value);
            }
        }
        return value;
    }

    /**
     * The longest group that is a {@code @ConfigurationProperties} class (or an {@code @Endpoint})
     * and whose name is a prefix of the property's.
     */
    private static Map<String, Object> owningGroup(String name) {
        return groups.stream().filter(group -> {
            String prefix = (String) group.get("name");
            return (name.equals(prefix) || name.startsWith(prefix + ".")) && isPropertiesClass((String) group.get("type"));
        }).max(Comparator.comparingInt(group -> ((String) group.get("name")).length()))
                .orElseThrow(() -> new AssertionError("no @ConfigurationProperties group owns " + name));
    }

    private static boolean isPropertiesClass(String type) {
        try {
            Class<?> candidate = ClassUtils.forName(type, null);
            return candidate.isAnnotationPresent(ConfigurationProperties.class) || candidate.isAnnotationPresent(Endpoint.class);
        }
        catch (ClassNotFoundException ex) {
            return false;
        }
    }

    private static Method accessor(Class<?> type, String dashed) throws NoSuchMethodException {
        StringBuilder camel = new StringBuilder();
        for (String word : dashed.split("-")) {
            camel.append(camel.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        String field = camel.toString();
        String capitalised = Character.toUpperCase(field.charAt(0)) + field.substring(1);
        for (String candidate : List.of(field, "get" + capitalised, "is" + capitalised)) {
            try {
                return type.getMethod(candidate);
            }
            catch (NoSuchMethodException ex) {
                // try the next spelling
            }
        }
        throw new NoSuchMethodException(type.getName() + " has no accessor for '" + dashed + "'");
    }

    private static Object convert(Object defaultValue, Object bound) {
        if (bound instanceof java.nio.file.Path) {
            return java.nio.file.Path.of(String.valueOf(defaultValue));
        }
        return (bound != null) ? ApplicationConversionService.getSharedInstance().convert(String.valueOf(defaultValue),
                bound.getClass()) : defaultValue;
    }

    private static Object servicesHealthContributorIsPresent() {
        boolean[] present = new boolean[1];
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TwistedReactorAutoConfiguration.class,
                TwistedServicesAutoConfiguration.class, TwistedServicesHealthContributorAutoConfiguration.class))
                .run(context -> present[0] = context.containsBean("twistedServicesHealthContributor"));
        return present[0];
    }

    /** Whether the irc service runs when the IRC auto-configuration is there and nothing is set. */
    private static Object ircServiceRuns() {
        boolean[] runs = new boolean[1];
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TwistedReactorAutoConfiguration.class,
                TwistedServicesAutoConfiguration.class, TwistedWordsAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(IRCServiceMaker.class);
                    runs[0] = context.getBean(TwistedServices.class).get("irc").isPresent();
                });
        return runs[0];
    }

    /** The irc service's options bound from an empty environment, as the starter binds them. */
    private static Object conchServiceRuns(String name) {
        boolean[] runs = new boolean[1];
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TwistedReactorAutoConfiguration.class,
                TwistedServicesAutoConfiguration.class, TwistedConchAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(ConchServiceMaker.class)
                            .hasSingleBean(ManholeServiceMaker.class);
                    runs[0] = context.getBean(TwistedServices.class).get(name).isPresent();
                });
        return runs[0];
    }

    private static Object mailServiceRuns(String name) {
        boolean[] runs = new boolean[1];
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TwistedReactorAutoConfiguration.class,
                TwistedServicesAutoConfiguration.class, TwistedMailAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SMTPServiceMaker.class)
                            .hasSingleBean(POP3ServiceMaker.class).hasSingleBean(IMAPServiceMaker.class);
                    runs[0] = context.getBean(TwistedServices.class).get(name).isPresent();
                });
        return runs[0];
    }

    private static IRCOptions ircOptions() {
        return new Binder(new MapConfigurationPropertySource()).bindOrCreate("twisted.services.irc.options",
                IRCOptions.class);
    }

    /** Whether, with twisted.strict-properties unset, an unknown twisted.* key fails startup. */
    private static Object unknownKeyFailsStartup() {
        boolean[] failed = new boolean[1];
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TwistedPropertiesAutoConfiguration.class))
                .withPropertyValues("twisted.reactor.no-such-key=1")
                .run(context -> failed[0] = context.getStartupFailure() != null);
        return failed[0];
    }
}
