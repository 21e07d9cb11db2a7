package twisted.internet.endpoints;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Test fixture for the endpoint-string fuzz targets: what they share about parsing and errors. */
final class EndpointFuzzing {

    private EndpointFuzzing() {
    }

    /**
     * Whether parsing {@code description} could make a DNS query: the client's {@code bindAddress}
     * host is resolved when the string is parsed, so the targets keep to IP literals there and a
     * fuzzing run sends nothing to the network.
     */
    static boolean mayResolveNames(String description) {
        Description parsed;
        try {
            parsed = Description.parse(description);
        }
        catch (EndpointSyntaxException ex) {
            return false;
        }
        String bind = parsed.keywords().get("bindAddress");
        if (bind == null) {
            return false;
        }
        int comma = bind.lastIndexOf(',');
        String host = (comma < 0) ? bind : bind.substring(0, comma);
        return !(host.isEmpty() || Set.of("localhost", "127.0.0.1", "::1").contains(host)
                || host.matches("(\\d{1,3}\\.){3}\\d{1,3}") || (host.contains(":") && host.matches("[0-9a-fA-F:.%]+")));
    }

    /** The documented error contract: the whole description, the wrong part, and a message naming both. */
    static void checkError(EndpointSyntaxException error, String description) {
        assertThat(error.getDescription()).as("the description in the error").isEqualTo(description);
        assertThat(error.getPart()).as("the part in the error").isNotNull();
        assertThat(error.getMessage()).as("the error message").startsWith("Invalid endpoint '" + description + "': ")
                .hasSizeGreaterThan(("Invalid endpoint '" + description + "': ").length() + error.getPart().length() + 3);
    }
}
