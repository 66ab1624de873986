package chatroom.client.transcript;

import chatroom.client.model.ChatLine;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes one format. {@link TranscriptWriter} walks the lines and tells the renderer where the
 * days change, so every format separates days the same way.
 */
sealed interface Renderer permits TextRenderer, MarkdownRenderer, HtmlRenderer {

    // Fixed patterns rather than the user's locale: a transcript is a record, and these sort and
    // read the same everywhere.
    DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);
    DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    /** Stands in for the sender of a message that somehow has none, rather than failing the export. */
    String UNKNOWN_SENDER = "unknown";

    static Renderer of(TranscriptFormat format, Transcript transcript, Writer out) {
        return switch (format) {
            case TEXT -> new TextRenderer(transcript, out);
            case MARKDOWN -> new MarkdownRenderer(transcript, out);
            case HTML -> new HtmlRenderer(transcript, out);
        };
    }

    void begin() throws IOException;

    /** Called before the first line and whenever the local date changes. */
    void day(LocalDate day) throws IOException;

    void message(ChatLine line, ZonedDateTime at) throws IOException;

    void notice(ChatLine line, ZonedDateTime at) throws IOException;

    void end() throws IOException;

    /** The sender's name on one line. */
    static String sender(ChatLine line) {
        return line.from() == null || line.from().isBlank() ? UNKNOWN_SENDER : Lines.oneLine(line.from().strip());
    }

    /** "UTC" reads better than the id of {@link ZoneOffset#UTC}, which is "Z". */
    static String zoneName(ZoneId zone) {
        return zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    /** The export time with its zone, e.g. "2026-11-21 11:15 (Europe/Berlin)". */
    static String exported(Transcript transcript) {
        return DATE_TIME.format(transcript.exportedAt().atZone(transcript.zone()))
                + " (" + zoneName(transcript.zone()) + ")";
    }
}
