package twisted.cred;

import java.util.Set;

import twisted.defer.Deferred;

/**
 * The roles of a user who logged in: what a {@link Realm} asks before it hands out an avatar that
 * only some users may have (the administrative shell, for example). A {@link CredentialsChecker}
 * answers only <em>who</em> logged in (the avatar id); this answers what that user may do.
 *
 * <p>Roles are named as Spring Security authorities ({@code "ROLE_ADMIN"}). The auto-configured
 * bean reads them from the same users the portal checks: a {@code ReactiveUserDetailsService}
 * bean's authorities, or the roles under {@code twisted.cred.users.<name>.roles} (given there
 * without the {@code ROLE_} prefix, answered with it). When the portal checks logins with
 * {@code CredentialsChecker} beans or a {@code ReactiveAuthenticationManager}, there is no way to
 * know roles and no bean: define one.
 *
 * <pre>{@code
 * userRoles.rolesOf(avatarId).addCallback(roles -> roles.contains("ROLE_ADMIN") ? shell() : refuse());
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface UserRoles {

    /**
     * The roles of a user.
     *
     * @param avatarId who, as the portal's checkers answered it
     * @return a Deferred, fired on the reactor thread, of the roles; empty for an unknown user
     *         (never a failure for that); it fails when the user store cannot be read
     */
    Deferred<Set<String>> rolesOf(String avatarId);
}
