package twisted.cred.autoconfigure;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.cred.CredentialsChecker;

/**
 * The checkers of the auto-configured portal and where they come from, as chosen by one of
 * {@link PortalCheckersConfigurations}. Saying so in the log is its one other job: when the
 * checkers do not come from {@code twisted.cred.users}, users configured there are ignored, with
 * a warning.
 *
 * @param checkers the checkers, in order
 * @param source where they come from, for the log
 */
record PortalCheckers(List<CredentialsChecker> checkers, String source) {

    private static final Logger log = LoggerFactory.getLogger(PortalCheckers.class);

    PortalCheckers {
        checkers = List.copyOf(checkers);
    }

    /**
     * Checkers from a bean of the application's, warning that {@code twisted.cred.users}, if set,
     * is ignored.
     */
    static PortalCheckers fromBeans(List<CredentialsChecker> checkers, String source, CredProperties properties) {
        if (!properties.users().isEmpty()) {
            log.warn("twisted.cred.users {} is ignored: the Twisted portal checks logins with {}",
                    properties.users().keySet(), source);
        }
        else {
            log.debug("The Twisted portal checks logins with {}", source);
        }
        return new PortalCheckers(checkers, source);
    }

    /** Checkers over the users under {@code twisted.cred.users}. */
    static PortalCheckers fromProperties(CredentialsChecker checker, CredProperties properties) {
        String source = "the users under twisted.cred.users " + properties.users().keySet();
        log.debug("The Twisted portal checks logins with {}", source);
        return new PortalCheckers(List.of(checker), source);
    }

    /** No checkers at all, with a warning: every login fails. */
    static PortalCheckers none() {
        log.warn("The Twisted portal has no users: there is no CredentialsChecker, ReactiveAuthenticationManager or "
                + "ReactiveUserDetailsService bean, and twisted.cred.users is empty, so every login fails");
        return new PortalCheckers(List.of(), "nothing");
    }
}
