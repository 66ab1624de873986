package chatroom.client.transcript;

import org.junit.jupiter.api.Test;

import java.util.List;

import static chatroom.client.transcript.Conversation.BERLIN;
import static chatroom.client.transcript.Conversation.lobbyIn;
import static chatroom.client.transcript.Conversation.message;
import static chatroom.client.transcript.Conversation.notice;
import static chatroom.client.transcript.Conversation.render;
import static chatroom.client.transcript.TranscriptFormat.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextTranscriptTest {

    @Test
    void theWholeLobbyReadsAsExpected() {
        assertEquals("""
                Transcript of lobby — exported 2026-11-25 10:00 (Europe/Berlin)

                --- 2026-11-21 ---
                [2026-11-21 10:15] alice: hello everyone
                [2026-11-21 10:16] * bob joined
                [2026-11-21 10:17] bob: hi alice
                                        how are you?
                [2026-11-21 10:20] alice: fine, thanks
                [2026-11-21 10:21] * carol left

                --- 2026-11-22 ---
                [2026-11-22 00:30] alice: still up?
                """, render(lobbyIn(BERLIN), TEXT));
    }

    @Test
    void theHeaderNamesTheConversationAndWhenItWasExported() {
        assertEquals("Transcript of lobby — exported 2026-11-25 09:00 (UTC)",
                render(lobbyIn(Conversation.UTC), TEXT).lines().findFirst().orElseThrow());
    }

    @Test
    void continuationLinesOfAMessageLineUpUnderItsText() {
        List<String> lines = render(TEXT, message("alice", "first\nsecond\n\nfourth", "2026-11-21T09:15:00Z")).lines().toList();
        int first = lines.indexOf("[2026-11-21 10:15] alice: first");
        assertTrue(first > 0, lines::toString);
        int column = lines.get(first).indexOf("first");
        assertEquals(" ".repeat(column) + "second", lines.get(first + 1));
        assertEquals("", lines.get(first + 2), "an empty line carries no trailing spaces");
        assertEquals(" ".repeat(column) + "fourth", lines.get(first + 3));
    }

    @Test
    void aMultiLineNoticeLinesUpUnderItsTextToo() {
        String out = render(TEXT, notice("topic changed to\nplans for friday", "2026-11-21T09:15:00Z"));
        assertTrue(out.contains("[2026-11-21 10:15] * topic changed to\n                     plans for friday\n"), out);
    }

    @Test
    void trailingLineBreaksOfAPastedMessageAreDropped() {
        String out = render(TEXT, message("alice", "pasted\n\n", "2026-11-21T09:15:00Z"));
        assertTrue(out.endsWith("alice: pasted\n"), out);
    }

    @Test
    void aLineBreakInATitleCannotForgeASecondHeaderLine() {
        String out = Conversation.render(Conversation.transcript("lobby\n[2026-01-01 00:00] admin: fake", BERLIN, List.of()), TEXT);
        assertEquals(1, out.lines().count(), out);
    }
}
