package twisted.cred.spring;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import twisted.cred.UserRoles;
import twisted.defer.Deferred;
import twisted.internet.Reactor;

/**
 * {@link UserRoles} read from a Spring Security {@link ReactiveUserDetailsService}: a user's
 * authorities, as their names.
 *
 * @since 0.1.0
 */
public final class UserDetailsRoles implements UserRoles {

    private final ReactiveUserDetailsService users;

    private final Reactor reactor;

    /**
     * Roles over a user store.
     *
     * @param users the users
     * @param reactor fires the Deferreds on its thread
     */
    public UserDetailsRoles(ReactiveUserDetailsService users, Reactor reactor) {
        this.users = Objects.requireNonNull(users, "users");
        this.reactor = Objects.requireNonNull(reactor, "reactor");
    }

    @Override
    public Deferred<Set<String>> rolesOf(String avatarId) {
        Objects.requireNonNull(avatarId, "avatarId");
        return Deferred.fromPublisher(this.users.findByUsername(avatarId)
                .map(user -> user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                        .filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet()))
                .defaultIfEmpty(Set.of()), this.reactor);
    }
}
