package twisted.application.actuate;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

/**
 * Puts a health contributor (the Twisted services' one, {@code twistedServices}) in the
 * {@code readiness} group, besides what the group already holds ({@code readinessState} by
 * default): a service that is not listening, because it stopped, is draining or could not bind,
 * makes {@code /actuator/health/readiness} DOWN, so Kubernetes stops sending it traffic. The
 * {@code liveness} group is left as it is: a slow drain never gets the pod restarted. Groups
 * other than {@code readiness}, and a missing {@code readiness} group (probes switched off), are
 * left alone.
 *
 * @since 0.1.0
 */
public class TwistedServicesReadinessPostProcessor implements HealthEndpointGroupsPostProcessor {

    /** The group it adds to. */
    public static final String READINESS = "readiness";

    private final String contributor;

    /**
     * Creates the post-processor.
     *
     * @param contributor the name of the contributor to add, as the health endpoint shows it
     */
    public TwistedServicesReadinessPostProcessor(String contributor) {
        this.contributor = Objects.requireNonNull(contributor, "contributor");
    }

    @Override
    public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
        HealthEndpointGroup readiness = groups.get(READINESS);
        if (readiness == null || readiness.isMember(this.contributor)) {
            return groups;
        }
        return new WithReadiness(groups, new WithMember(readiness, this.contributor));
    }

    /**
     * The groups with the new readiness group; still an {@link AdditionalPathsMapper} when they
     * were one, so {@code /livez} and {@code /readyz} stay mapped.
     */
    private record WithReadiness(HealthEndpointGroups groups, HealthEndpointGroup readiness)
            implements HealthEndpointGroups, AdditionalPathsMapper {

        @Override
        public HealthEndpointGroup getPrimary() {
            return this.groups.getPrimary();
        }

        @Override
        public Set<String> getNames() {
            return this.groups.getNames();
        }

        @Override
        public @Nullable HealthEndpointGroup get(String name) {
            return READINESS.equals(name) ? this.readiness : this.groups.get(name);
        }

        @Override
        public @Nullable List<String> getAdditionalPaths(EndpointId endpointId, WebServerNamespace webServerNamespace) {
            return (this.groups instanceof AdditionalPathsMapper mapper)
                    ? mapper.getAdditionalPaths(endpointId, webServerNamespace) : null;
        }
    }

    /** A group with one more member, and all else as before. */
    private record WithMember(HealthEndpointGroup group, String member) implements HealthEndpointGroup {

        @Override
        public boolean isMember(String name) {
            return this.group.isMember(name) || name.equals(this.member) || name.startsWith(this.member + "/");
        }

        @Override
        public boolean showComponents(SecurityContext securityContext) {
            return this.group.showComponents(securityContext);
        }

        @Override
        public boolean showDetails(SecurityContext securityContext) {
            return this.group.showDetails(securityContext);
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return this.group.getStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return this.group.getHttpCodeStatusMapper();
        }

        @Override
        public AdditionalHealthEndpointPath getAdditionalPath() {
            return this.group.getAdditionalPath();
        }
    }
}
