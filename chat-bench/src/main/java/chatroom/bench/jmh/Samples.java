package chatroom.bench.jmh;

import chatroom.common.protocol.ChatMessage;
import java.time.Instant;

/** The message contents the benchmarks share, shaped like ordinary chat traffic. */
final class Samples {
    /** A room name as users pick them. */
    static final String ROOM = "lobby";

    /** A user name. */
    static final String USER = "alice";

    /** A request id in the form clients use: a UUID. */
    static final String ID = "3f2b8c1e-9d4a-4e6b-8a7c-1d2e3f4a5b6c";

    /** A chat line of 100 characters, a typical length for a room message. */
    static final String TEXT =
            "Has anyone tried the new build on the office printer? It jams after the second page every time. Ugh.";

    /** A timestamp with milliseconds, as the store assigns them. */
    static final Instant TS = Instant.parse("2025-06-01T12:34:56.789Z");

    private Samples() {
    }

    /** A stored room message with a six-digit seq, as the server delivers it live. */
    static ChatMessage roomMessage() {
        return new ChatMessage(ROOM, null, 123_456, ID, USER, TEXT, TS);
    }
}
