package twisted.internet.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What to start: the arguments of {@code Reactor.spawnProcess}, checked and copied. Every reactor
 * builds one, so a mistake fails the same way on a real reactor and on {@code MemoryReactor}.
 *
 * @param executable the program: a path, or a name looked up on {@code PATH}
 * @param args argv[0] followed by the arguments (see {@link #command()})
 * @param env the child's whole environment, or {@code null} to inherit the JVM's
 * @param path the working directory, or {@code null} for the JVM's
 * <p><b>For implementations</b> of the reactor and of the test kit, not for applications: it is
 * public only because those live in other packages.
 *
 * @since 0.1.0
 */
public record ProcessSpec(String executable, List<String> args, @Nullable Map<String, String> env,
        @Nullable Path path) {

    /**
     * Checks and copies the arguments.
     *
     * @throws IllegalArgumentException when {@code executable} is blank, or an argument or an
     *         environment entry holds a NUL character, or a variable's name is empty or holds
     *         {@code =}
     */
    public ProcessSpec {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(args, "args");
        if (executable.isBlank() || executable.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("executable [" + executable + "] must be a program name or path");
        }
        List<String> copied = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg == null) {
                throw new NullPointerException("args[" + i + "]");
            }
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("args[" + i + "] holds a NUL character, which a process cannot receive");
            }
            copied.add(arg);
        }
        args = Collections.unmodifiableList(copied);
        if (env != null) {
            Map<String, String> environment = new LinkedHashMap<>();
            env.forEach((name, value) -> {
                checkVariable(name, value);
                environment.put(name, value);
            });
            env = Collections.unmodifiableMap(environment);
        }
    }

    private static void checkVariable(@Nullable String name, @Nullable String value) {
        Objects.requireNonNull(name, "env holds a null name");
        Objects.requireNonNull(value, () -> "env[" + name + "] is null");
        if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("env holds the variable name [" + name
                    + "], which is empty or holds '=' or NUL");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("env[" + name + "] holds a NUL character");
        }
    }

    /**
     * The command line a {@code ProcessBuilder} runs: {@link #executable()}, then {@code args}
     * without argv[0]. Java gives the child {@code executable} as its argv[0]; it cannot set
     * another.
     *
     * @return a new list
     */
    public List<String> command() {
        List<String> command = new ArrayList<>(Math.max(1, this.args.size()));
        command.add(this.executable);
        if (this.args.size() > 1) {
            command.addAll(this.args.subList(1, this.args.size()));
        }
        return command;
    }
}
