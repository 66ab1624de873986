package chatroom.server.cli;

import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and SIGINT into a graceful stop that ends with exit status 0. A plain shutdown
 * hook would also run the stop, but the JVM would then exit with 143; {@code sun.misc.Signal}
 * (module jdk.unsupported, present in every JDK) lets the process finish normally instead.
 */
final class Shutdown {
    private Shutdown() {
    }

    static void onSignals(Runnable stop) {
        Thread hook = new Thread(stop, "shutdown-hook");
        Runtime.getRuntime().addShutdownHook(hook);
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal ->
                        Thread.ofPlatform().name("shutdown-" + name).start(stop));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LoggerFactory.getLogger(Shutdown.class).debug("Cannot handle SIG{}: {}; the shutdown hook stops the server", name, e.getMessage());
            }
        }
    }
}
