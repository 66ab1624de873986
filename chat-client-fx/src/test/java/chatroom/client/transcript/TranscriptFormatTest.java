package chatroom.client.transcript;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TranscriptFormatTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 21);

    @Test
    void eachFormatHasItsExtensionAndADescriptionForTheSaveDialog() {
        assertEquals("txt", TranscriptFormat.TEXT.extension());
        assertEquals("Plain text", TranscriptFormat.TEXT.description());
        assertEquals("md", TranscriptFormat.MARKDOWN.extension());
        assertEquals("Markdown", TranscriptFormat.MARKDOWN.description());
        assertEquals("html", TranscriptFormat.HTML.extension());
        assertEquals("Web page", TranscriptFormat.HTML.description());
    }

    @ParameterizedTest
    @CsvSource({
            "lobby.txt, TEXT",
            "LOBBY.TXT, TEXT",
            "notes.Md, MARKDOWN",
            "/home/me/chat.html, HTML",
            "C:\\Users\\me\\chat.HTML, HTML",
            "my.folder/lobby.md, MARKDOWN",
    })
    void theFormatIsFoundFromTheExtensionWhateverItsCase(String fileName, TranscriptFormat expected) {
        assertEquals(Optional.of(expected), TranscriptFormat.forFileName(fileName));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"README", "lobby.pdf", "archive.tar.gz", "lobby.", "my.folder/lobby", "C:\\my.folder\\lobby", ".md/x"})
    void aNameWithoutOneOfOurExtensionsHasNoFormat(String fileName) {
        assertEquals(Optional.empty(), TranscriptFormat.forFileName(fileName));
    }

    @ParameterizedTest
    @EnumSource(TranscriptFormat.class)
    void theDefaultFileNameIsTitleThenDateThenExtension(TranscriptFormat format) {
        assertEquals("lobby-2026-11-21." + format.extension(), format.defaultFileName("lobby", DAY));
        assertEquals(Optional.of(format), TranscriptFormat.forFileName(format.defaultFileName("lobby", DAY)));
    }

    @Test
    void aDirectConversationIsNamedAfterThePerson() {
        assertEquals("dm-bob-2026-11-21.md", TranscriptFormat.MARKDOWN.defaultFileName("@bob", DAY));
    }

    @Test
    void aRoomShownWithAHashLosesIt() {
        assertEquals("lobby-2026-11-21.md", TranscriptFormat.MARKDOWN.defaultFileName("#lobby", DAY));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '=', value = {
            "a/b:c*?                  = a-b-c-2026-11-21.txt",
            "x\\y\"z<w>v|u            = x-y-z-w-v-u-2026-11-21.txt",
            "'tab\there\nnew\u0000'   = tab-here-new-2026-11-21.txt",
            "team chat  2             = team-chat-2-2026-11-21.txt",
            ".hidden                  = hidden-2026-11-21.txt",
            "-rf                      = rf-2026-11-21.txt",
            "trailing dots...         = trailing-dots-2026-11-21.txt",
            "café_ü.1                 = café_ü.1-2026-11-21.txt",
            "evil\u202Etxt.exe        = evil-txt.exe-2026-11-21.txt",
            "CON                      = CON-2026-11-21.txt",
    })
    void unsafeCharactersInTheTitleAreReplaced(String title, String expected) {
        assertEquals(expected, TranscriptFormat.TEXT.defaultFileName(title, DAY));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "..", "///", "@", "#", "\u0001\u0002"})
    void aTitleWithNothingUsableFallsBackToTranscript(String title) {
        String name = TranscriptFormat.TEXT.defaultFileName(title, DAY);
        assertTrue(name.equals("transcript-2026-11-21.txt") || name.equals("dm-2026-11-21.txt"), name);
    }

    @Test
    void aVeryLongTitleIsShortened() {
        String name = TranscriptFormat.HTML.defaultFileName("room".repeat(100), DAY);
        assertTrue(name.length() <= 80, name);
        assertTrue(name.endsWith("-2026-11-21.html"), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b:c*?", "<>:\"/\\|?*", "..\\..\\etc\\passwd", "../../x", " spaced out ", "\uD800lone"})
    void theDefaultFileNameIsAlwaysSafe(String title) {
        String name = TranscriptFormat.MARKDOWN.defaultFileName(title, DAY);
        assertFalse(name.chars().anyMatch(c -> "/\\:*?\"<>|".indexOf(c) >= 0 || Character.isISOControl(c)
                || Character.isWhitespace(c) || Character.isSurrogate((char) c)), name);
        assertFalse(name.startsWith(".") || name.startsWith("-"), name);
    }
}
