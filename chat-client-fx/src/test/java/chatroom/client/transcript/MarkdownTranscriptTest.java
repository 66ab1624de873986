package chatroom.client.transcript;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static chatroom.client.transcript.Conversation.BERLIN;
import static chatroom.client.transcript.Conversation.lobbyIn;
import static chatroom.client.transcript.Conversation.message;
import static chatroom.client.transcript.Conversation.notice;
import static chatroom.client.transcript.Conversation.render;
import static chatroom.client.transcript.TranscriptFormat.MARKDOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownTranscriptTest {

    @Test
    void theWholeLobbyReadsAsExpected() {
        assertEquals("""
                # lobby

                *Exported 2026-11-25 10:00 (Europe/Berlin)*

                ## 2026-11-21

                **alice** · 10:15 \s
                hello everyone

                *bob joined* · 10:16

                **bob** · 10:17 \s
                hi alice\\
                how are you?

                **alice** · 10:20 \s
                fine, thanks

                *carol left* · 10:21

                ## 2026-11-22

                **alice** · 00:30 \s
                still up?
                """, render(lobbyIn(BERLIN), MARKDOWN));
    }

    @Test
    void formattingAndLinksInAMessageAreEscapedAndStayInert() {
        String out = render(MARKDOWN, message("mallory", "*bold* [link](http://x) _em_ `code` <b>html</b> &amp;", "2026-11-21T09:15:00Z"));
        String text = textOf(out, "mallory");
        assertEquals("\\*bold\\* \\[link\\](http://x) \\_em\\_ \\`code\\` \\<b\\>html\\</b\\> \\&amp;", text);
        assertEquals("", unescapedSpecials(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"# not a heading", "- not a list", "+ not a list", "1. not a list", "7) not a list",
            "> not a quote", "=====", "---", "***", "```", "~~~", "| a | b |", "    # indented heading",
            "<script>alert(1)</script>", "[x]: http://evil.example"})
    void aLineThatWouldStartABlockIsEscapedInsideAMessage(String line) {
        List<String> lines = render(MARKDOWN, message("mallory", "first\n" + line, "2026-11-21T09:15:00Z")).lines().toList();
        String rendered = lines.get(lines.indexOf("first\\") + 1).stripLeading();
        assertTrue(rendered.startsWith("\\") || rendered.matches("\\d+\\\\[.)].*"), rendered);
        assertEquals("", unescapedSpecials(rendered), rendered);
    }

    @Test
    void anImageCannotBeEmbedded() {
        assertEquals("!\\[img\\](http://x/y.png)", MarkdownRenderer.escape("![img](http://x/y.png)"));
    }

    @Test
    void theNumberOfAnOrderedListIsEscapedAfterItsDigits() {
        assertEquals("2026\\. was a good year", MarkdownRenderer.escape("2026. was a good year"));
        assertEquals("3\\) three", MarkdownRenderer.escape("3) three"));
        assertEquals("not 1. a list", MarkdownRenderer.escape("not 1. a list"));
    }

    @Test
    void ordinaryProseStaysReadableInTheRawFile() {
        assertEquals("Hello! See you at 5 (or 6). E-mail me: bob@example.org, ok?",
                MarkdownRenderer.escape("Hello! See you at 5 (or 6). E-mail me: bob@example.org, ok?"));
    }

    @Test
    void everyLineOfAMultiLineMessageIsKeptWithHardBreaks() {
        String out = render(MARKDOWN, message("alice", "one\n\nthree\n  four", "2026-11-21T09:15:00Z"));
        assertTrue(out.contains("**alice** · 10:15  \none\\\n\\\nthree\\\n  four\n"), out);
    }

    @Test
    void noticesAreInItalicsLineByLine() {
        String out = render(MARKDOWN, notice("topic changed to\n  *plans*  ", "2026-11-21T09:15:00Z"));
        assertTrue(out.contains("\n*topic changed to* · 10:15\\\n*\\*plans\\**\n"), out);
    }

    @Test
    void aMessageWithoutTextIsJustItsSender() {
        String out = render(MARKDOWN, message("alice", "", "2026-11-21T09:15:00Z"));
        assertTrue(out.endsWith("\n**alice** · 10:15\n"), out);
    }

    @Test
    void theTitleIsEscapedInTheHeading() {
        String out = Conversation.render(Conversation.transcript("#[x](y)*", BERLIN, List.of()), MARKDOWN);
        assertTrue(out.startsWith("# \\#\\[x\\](y)\\*\n"), out);
    }

    @Test
    void aTrailingHashCannotBeSwallowedAsTheEndOfTheHeading() {
        String out = Conversation.render(Conversation.transcript("plans #", BERLIN, List.of()), MARKDOWN);
        assertTrue(out.startsWith("# plans \\#\n"), out);
    }

    @Test
    void aSenderNameCannotBreakOutOfItsBoldMarkers() {
        String out = render(MARKDOWN, message("a**b_c", "hi", "2026-11-21T09:15:00Z"));
        assertTrue(out.contains("**a\\*\\*b\\_c** · 10:15"), out);
    }

    /** The Markdown-special characters in {@code line} that are not escaped by a backslash. */
    private static String unescapedSpecials(String line) {
        StringBuilder found = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if ("*_`[]<>&|~".indexOf(c) >= 0) {
                found.append(c);
            }
        }
        return found.toString();
    }

    /** The first text line of the message by {@code sender}. */
    private static String textOf(String out, String sender) {
        List<String> lines = out.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("**" + sender + "**")) return lines.get(i + 1);
        }
        throw new AssertionError("no message by " + sender + " in\n" + out);
    }

    @Test
    void untouchedLinesKeepNoStrayBackslashes() {
        assertFalse(render(lobbyIn(BERLIN), MARKDOWN).contains("hello everyone\\"));
    }
}
