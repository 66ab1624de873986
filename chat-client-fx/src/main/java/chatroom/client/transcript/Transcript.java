package chatroom.client.transcript;

import chatroom.client.model.ChatLine;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A conversation to be saved: its lines as the client shows them, in order, and the zone its
 * times are written in.
 *
 * <p>Only {@link ChatLine.Kind#MESSAGE MESSAGE} and {@link ChatLine.Kind#NOTICE NOTICE} lines
 * are exported. {@link ChatLine.Kind#PENDING PENDING} and {@link ChatLine.Kind#FAILED FAILED}
 * lines are skipped: the server never stored them, so nobody else saw them and a transcript
 * containing them would record a conversation that did not happen.
 *
 * @param title      the conversation's title as the client shows it, e.g. "lobby" or "@bob"
 * @param exportedAt when the transcript was made, for its header
 * @param zone       the zone all times and day boundaries are rendered in
 * @param lines      the conversation in display order; copied
 */
public record Transcript(String title, Instant exportedAt, ZoneId zone, List<ChatLine> lines) {

    public Transcript {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(exportedAt, "exportedAt");
        Objects.requireNonNull(zone, "zone");
        lines = List.copyOf(lines);
    }

    /** The lines that go into the file, in order: messages and notices only. */
    public List<ChatLine> exportedLines() {
        return lines.stream().filter(Transcript::isExported).toList();
    }

    static boolean isExported(ChatLine line) {
        return switch (line.kind()) {
            case MESSAGE, NOTICE -> true;
            case PENDING, FAILED -> false;
        };
    }
}
