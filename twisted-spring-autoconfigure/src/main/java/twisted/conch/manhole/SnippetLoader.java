package twisted.conch.manhole;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.EngineTerminationException;
import jdk.jshell.spi.ExecutionControl.InternalException;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's local execution engine with one change: the snippets' class loader has the
 * application's class loader as its parent. JShell's own local engine hangs its loader under the
 * system class loader, which in a Spring Boot fat jar (or under DevTools) sees none of the
 * application's classes, so a snippet would get a second, empty copy of {@link ManholeRegistry}
 * and could not use the beans' types.
 */
final class SnippetLoader implements LoaderDelegate {

    private final Loader loader;

    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();

    SnippetLoader(ClassLoader parent) {
        this.loader = new Loader(parent);
    }

    /** The engine for {@code JShell.builder().executionEngine(provider, Map.of())}. */
    static ExecutionControlProvider provider(ClassLoader parent) {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "twisted-manhole-local";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return new LocalExecutionControl(new SnippetLoader(parent));
            }
        };
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException, EngineTerminationException {
        boolean[] installed = new boolean[classes.length];
        for (ClassBytecodes bytecodes : classes) {
            this.loader.declare(bytecodes.name(), bytecodes.bytecodes());
        }
        for (int i = 0; i < classes.length; i++) {
            try {
                this.loaded.put(classes[i].name(), Class.forName(classes[i].name(), false, this.loader));
                installed[i] = true;
            }
            catch (ClassNotFoundException | LinkageError ex) {
                throw new ClassInstallException("cannot load " + classes[i].name() + ": " + ex, installed);
            }
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
        for (ClassBytecodes bytecodes : classes) {
            this.loader.declare(bytecodes.name(), bytecodes.bytecodes());
        }
    }

    @Override
    public void addToClasspath(String path) throws EngineTerminationException, InternalException {
        try {
            for (String entry : path.split(java.io.File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    this.loader.addPath(Path.of(entry).toUri().toURL());
                }
            }
        }
        catch (MalformedURLException | RuntimeException ex) {
            throw new InternalException("bad class path " + path + ": " + ex.getMessage());
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> type = this.loaded.get(name);
        if (type == null) {
            throw new ClassNotFoundException(name + " was not loaded by this session");
        }
        return type;
    }

    /** Parent first, then the snippets' own bytes, then the paths JShell added. */
    private static final class Loader extends URLClassLoader {

        static {
            registerAsParallelCapable();
        }

        private final Map<String, byte[]> declared = new ConcurrentHashMap<>();

        Loader(ClassLoader parent) {
            super("twisted-manhole-snippets", new URL[0], parent);
        }

        void declare(String name, byte[] bytes) {
            this.declared.put(name, bytes);
        }

        void addPath(URL url) {
            addURL(url);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = this.declared.get(name);
            if (bytes == null) {
                return super.findClass(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
