package chatroom.client.transcript;

import chatroom.client.model.ChatLine;
import chatroom.client.model.ChatLine.Kind;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/** A small conversation with fixed times and zones, so no test depends on the machine's clock or zone. */
final class Conversation {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId UTC = ZoneOffset.UTC;
    /** 10:00 in Berlin, a few days after the conversation so its date is not one of the conversation's. */
    static final Instant EXPORTED_AT = Instant.parse("2026-11-25T09:00:00Z");

    private Conversation() {
    }

    static ChatLine message(String from, String text, String isoInstant) {
        return new ChatLine(Kind.MESSAGE, 1, "id-" + text.hashCode(), from, text, Instant.parse(isoInstant), false, false);
    }

    static ChatLine ownMessage(String from, String text, String isoInstant) {
        return new ChatLine(Kind.MESSAGE, 1, "id-" + text.hashCode(), from, text, Instant.parse(isoInstant), true, false);
    }

    static ChatLine notice(String text, String isoInstant) {
        return ChatLine.notice(text, Instant.parse(isoInstant));
    }

    static ChatLine pending(String from, String text, String isoInstant) {
        return new ChatLine(Kind.PENDING, 0, "p-" + text.hashCode(), from, text, Instant.parse(isoInstant), true, false);
    }

    static ChatLine failed(String from, String text, String isoInstant) {
        return new ChatLine(Kind.FAILED, 0, "f-" + text.hashCode(), from, text, Instant.parse(isoInstant), true, false);
    }

    /**
     * The lobby on 21 November 2026 (Berlin is UTC+1): two days in Berlin, the last message
     * falling after midnight there but not in UTC.
     */
    static List<ChatLine> lobby() {
        return List.of(
                message("alice", "hello everyone", "2026-11-21T09:15:00Z"),
                notice("bob joined", "2026-11-21T09:16:00Z"),
                ownMessage("bob", "hi alice\nhow are you?", "2026-11-21T09:17:00Z"),
                pending("bob", "a draft still on its way", "2026-11-21T09:18:00Z"),
                failed("bob", "a message the server refused", "2026-11-21T09:19:00Z"),
                message("alice", "fine, thanks", "2026-11-21T09:20:00Z"),
                notice("carol left", "2026-11-21T09:21:00Z"),
                message("alice", "still up?", "2026-11-21T23:30:00Z"));
    }

    /** The texts of the exported lines of {@link #lobby()}, in order. */
    static final List<String> EXPORTED_TEXTS = List.of(
            "hello everyone", "bob joined", "how are you?", "fine, thanks", "carol left", "still up?");

    static Transcript transcript(String title, ZoneId zone, List<ChatLine> lines) {
        return new Transcript(title, EXPORTED_AT, zone, lines);
    }

    static Transcript lobbyIn(ZoneId zone) {
        return transcript("lobby", zone, lobby());
    }

    static String render(Transcript transcript, TranscriptFormat format) {
        StringWriter out = new StringWriter();
        try {
            TranscriptWriter.write(transcript, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String render(TranscriptFormat format, ChatLine... lines) {
        return render(transcript("lobby", BERLIN, List.of(lines)), format);
    }
}
