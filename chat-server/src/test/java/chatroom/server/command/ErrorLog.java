package chatroom.server.command;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * Collects what the server logs at ERROR: that is where an unexpected exception in a request ends
 * up (the connection logs it and closes), so an empty log is part of "no internal error". While
 * attached it also quiets the server's per-request WARN lines, which a fuzzing run would print by
 * the hundred thousand.
 */
final class ErrorLog extends AppenderBase<ILoggingEvent> {
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger server = (Logger) LoggerFactory.getLogger("chatroom");
    private Level serverLevel;

    void attach() {
        setContext(root.getLoggerContext());
        setName("fuzz-errors");
        start();
        root.addAppender(this);
        serverLevel = server.getLevel();
        server.setLevel(Level.ERROR);
    }

    void detach() {
        server.setLevel(serverLevel);
        root.detachAppender(this);
        stop();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.ERROR)) return;
        IThrowableProxy t = event.getThrowableProxy();
        errors.add(event.getLoggerName() + ": " + event.getFormattedMessage()
                + (t == null ? "" : " (" + t.getClassName() + ": " + t.getMessage() + ")"));
    }

    /** The errors logged since the last call. */
    List<String> drain() {
        List<String> out = new ArrayList<>();
        String e;
        while ((e = errors.poll()) != null) out.add(e);
        return out;
    }
}
