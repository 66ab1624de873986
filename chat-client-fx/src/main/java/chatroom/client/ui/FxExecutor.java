package chatroom.client.ui;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * The one place that hands work to the FX thread. The service's frames, timers and background
 * jobs all come back through it; ViewModel tests use {@code Runnable::run} instead.
 */
public final class FxExecutor implements Executor {
    public static final FxExecutor INSTANCE = new FxExecutor();

    private FxExecutor() {}

    /**
     * Runs {@code task} on the FX thread after the events already queued, even when called on it:
     * for work that must follow JavaFX's own handling, such as a dialog focusing its default button.
     */
    public void later(Runnable task) {
        Platform.runLater(task);
    }

    @Override
    public void execute(Runnable task) {
        if (Platform.isFxApplicationThread()) {
            task.run();
        } else {
            Platform.runLater(task);
        }
    }
}
