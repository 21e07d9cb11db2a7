package twisted.bench.echo;

import java.util.Arrays;

/** The four servers the echo benchmark compares: the framework and raw Netty, each echoing bytes or lines. */
enum ServerMode {

    FRAMEWORK_ECHO("framework-echo"),

    FRAMEWORK_LINE("framework-line"),

    NETTY_ECHO("netty-echo"),

    NETTY_LINE("netty-line");

    private final String label;

    ServerMode(String label) {
        this.label = label;
    }

    String label() {
        return this.label;
    }

    boolean lines() {
        return this == FRAMEWORK_LINE || this == NETTY_LINE;
    }

    boolean framework() {
        return this == FRAMEWORK_ECHO || this == FRAMEWORK_LINE;
    }

    static ServerMode of(String label) {
        return Arrays.stream(values()).filter(mode -> mode.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mode '" + label + "'; expected one of "
                        + Arrays.stream(values()).map(ServerMode::label).toList()));
    }
}
