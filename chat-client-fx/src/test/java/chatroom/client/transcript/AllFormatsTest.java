package chatroom.client.transcript;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static chatroom.client.transcript.Conversation.BERLIN;
import static chatroom.client.transcript.Conversation.EXPORTED_TEXTS;
import static chatroom.client.transcript.Conversation.lobbyIn;
import static chatroom.client.transcript.Conversation.message;
import static chatroom.client.transcript.Conversation.render;
import static chatroom.client.transcript.Conversation.transcript;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every format promises, whichever it is. */
class AllFormatsTest {

    @ParameterizedTest
    @EnumSource(TranscriptFormat.class)
    void everyMessageAndNoticeAppearsInConversationOrder(TranscriptFormat format) {
        String out = render(lobbyIn(BERLIN), format);
        int previous = -1;
        for (String text : EXPORTED_TEXTS) {
            int at = out.indexOf(text);
            assertTrue(at > previous, () -> "'" + text + "' missing or out of order in\n" + out);
            previous = at;
        }
    }

    @ParameterizedTest
    @EnumSource(TranscriptFormat.class)
    void pendingAndFailedLinesAreLeftOut(TranscriptFormat format) {
        String out = render(lobbyIn(BERLIN), format);
        assertFalse(out.contains("a draft still on its way"), out);
        assertFalse(out.contains("refused"), out);
    }

    @ParameterizedTest
    @EnumSource(TranscriptFormat.class)
    void theTitleIsInTheHeader(TranscriptFormat format) {
        String out = render(lobbyIn(BERLIN), format);
        assertTrue(out.lines().limit(12).anyMatch(l -> l.contains("lobby")), out);
    }

    @ParameterizedTest
    @EnumSource(TranscriptFormat.class)
    void theOutputEndsWithExactlyOneNewline(TranscriptFormat format) {
        String out = render(lobbyIn(BERLIN), format);
        assertTrue(out.endsWith("\n") && !out.endsWith("\n\n"), () -> "ends with " + out.substring(out.length() - 20));
    }

    @ParameterizedTest
    @EnumSource(TranscriptFormat.class)
    void anEmptyConversationStillGivesAWholeFileEndingInANewline(TranscriptFormat format) {
        String out = render(transcript("quiet", BERLIN, List.of()), format);
        assertTrue(out.contains("quiet"), out);
        assertTrue(out.endsWith("\n") && !out.endsWith("\n\n"), out);
    }

    @ParameterizedTest
    @EnumSource(TranscriptFormat.class)
    void linesEndTheSameOnEveryPlatform(TranscriptFormat format) {
        assertFalse(render(lobbyIn(BERLIN), format).contains("\r"));
    }

    @ParameterizedTest
    @EnumSource(TranscriptFormat.class)
    void windowsAndOldMacLineBreaksInAMessageAreKeptAsLineBreaks(TranscriptFormat format) {
        String unix = render(format, message("alice", "one\ntwo\nthree", "2026-11-21T09:15:00Z"));
        String windows = render(format, message("alice", "one\r\ntwo\rthree", "2026-11-21T09:15:00Z"));
        assertEquals(unix, windows);
    }

    @ParameterizedTest
    @EnumSource(TranscriptFormat.class)
    void controlCharactersFromUsersAreReplacedSoTheyCannotDriveATerminal(TranscriptFormat format) {
        String out = render(format, message("mallory", "\u001b[2J\u001b[31mred\u0007 and\u0000 nul", "2026-11-21T09:15:00Z"));
        assertFalse(out.chars().anyMatch(c -> c != '\n' && Character.isISOControl(c)), out);
        assertTrue(out.contains("\uFFFD") && out.contains("red"), out);
    }

    @ParameterizedTest
    @EnumSource(TranscriptFormat.class)
    void aLoneSurrogateIsReplacedRatherThanBreakingTheFile(TranscriptFormat format) {
        String out = render(format, message("alice", "half \uD83D and whole \uD83D\uDE00", "2026-11-21T09:15:00Z"));
        assertTrue(out.contains("half \uFFFD and whole \uD83D\uDE00"), out);
    }

    @ParameterizedTest
    @EnumSource(TranscriptFormat.class)
    void timesAreShownInTheTranscriptsZone(TranscriptFormat format) {
        // 09:15 UTC is 10:15 in Berlin in November.
        assertTrue(render(lobbyIn(BERLIN), format).contains("10:15"));
        assertTrue(render(lobbyIn(Conversation.UTC), format).contains("09:15"));
        assertFalse(render(lobbyIn(Conversation.UTC), format).contains("10:15"));
    }

    @ParameterizedTest
    @EnumSource(TranscriptFormat.class)
    void aNewDayIsMarkedWhenTheLocalDateChangesInTheTranscriptsZone(TranscriptFormat format) {
        // The last message, 23:30 UTC, is already the next day in Berlin.
        String berlin = render(lobbyIn(BERLIN), format);
        String utc = render(lobbyIn(Conversation.UTC), format);
        int nextDay = berlin.indexOf("2026-11-22");
        assertTrue(nextDay > berlin.indexOf("carol left") && nextDay < berlin.indexOf("still up?"), berlin);
        assertFalse(utc.contains("2026-11-22"), utc);
    }
}
