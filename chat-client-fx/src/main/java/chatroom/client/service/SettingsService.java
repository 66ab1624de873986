package chatroom.client.service;

import chatroom.client.settings.ClientSettings;
import chatroom.client.settings.SettingsStore;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's settings as the UI sees them: read once at start, changed on the FX thread, written
 * to disk on a background executor so a slow disk never stalls the window. Writes go through one
 * serial executor, so a later change never lands before an earlier one.
 */
public final class SettingsService {
    private static final Logger log = LoggerFactory.getLogger(SettingsService.class);

    private final SettingsStore store;
    private final Executor writer;
    private ClientSettings current;

    public SettingsService(SettingsStore store, ClientSettings initial, Executor serialWriter) {
        this.store = store;
        this.current = initial;
        this.writer = serialWriter;
    }

    public ClientSettings current() {
        return current;
    }

    public void update(UnaryOperator<ClientSettings> change) {
        ClientSettings next = change.apply(current);
        if (next.equals(current)) return;
        current = next;
        writer.execute(() -> {
            try {
                store.save(next);
            } catch (IOException e) {
                log.warn("Could not save the client settings to {}: {}", store.file(), e.toString());
            }
        });
    }
}
