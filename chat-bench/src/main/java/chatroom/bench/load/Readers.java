package chatroom.bench.load;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Reads every connection of a run once it is logged in: plain connections on one selector thread
 * (level-triggered, so a busy connection costs one read per wake-up and nothing to re-arm), TLS
 * connections each on a virtual thread of its own. Each whole line goes to the connection's
 * handler on the reading thread.
 */
public final class Readers implements AutoCloseable {
    /** What to do with each line a connection receives. */
    @FunctionalInterface
    public interface LineHandler {
        /** Handles the client's last line ({@link Client#lineStart} to {@link Client#lineEnd}). */
        void onLine(Client c) throws IOException;
    }

    private record Registration(Client client, LineHandler handler) {
    }

    private final Selector selector;
    private final ConcurrentLinkedQueue<Registration> pending = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** Starts the selector thread. */
    public Readers() throws IOException {
        selector = Selector.open();
        thread = Thread.ofPlatform().name("readers").daemon().start(this::loop);
    }

    /** Starts reading {@code c}, whose handshake is done; lines it already holds are handled first. */
    public void start(Client c, LineHandler handler) throws IOException {
        if (c.channel() == null) {
            Thread.ofVirtual().name("reader").start(() -> {
                try {
                    while (c.nextLine()) handler.onLine(c);
                } catch (IOException e) {
                    // The run closes its connections at the end; a server that drops one shows up as missing lines.
                }
            });
            return;
        }
        c.nonBlocking();
        pending.add(new Registration(c, handler));
        selector.wakeup();
    }

    private void loop() {
        try {
            while (running) {
                selector.select();
                for (Registration r; (r = pending.poll()) != null; ) {
                    r.client().channel().register(selector, SelectionKey.OP_READ, r);
                    if (!drain(r)) r.client().close();
                }
                for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    Registration r = (Registration) key.attachment();
                    if (!key.isValid()) continue;
                    if (read(r) < 0 || !drain(r)) {
                        key.cancel();
                        r.client().close();
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) System.err.println("readers: " + e);
        }
    }

    private static int read(Registration r) {
        try {
            return r.client().fill();
        } catch (IOException e) {
            return -1; // reset by the server: its lines so far are counted
        }
    }

    /** Handles every whole line the client holds; false when the handler failed. */
    private static boolean drain(Registration r) {
        try {
            while (r.client().nextBufferedLine()) r.handler().onLine(r.client());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            selector.close();
        } catch (IOException ignored) {
            // Closing at the end of a run.
        }
    }
}
