package chatroom.client.transcript;

import org.junit.jupiter.api.Test;

import java.util.List;

import static chatroom.client.transcript.Conversation.BERLIN;
import static chatroom.client.transcript.Conversation.lobbyIn;
import static chatroom.client.transcript.Conversation.message;
import static chatroom.client.transcript.Conversation.notice;
import static chatroom.client.transcript.Conversation.ownMessage;
import static chatroom.client.transcript.Conversation.render;
import static chatroom.client.transcript.TranscriptFormat.HTML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlTranscriptTest {

    @Test
    void itIsACompleteStandaloneUtf8Document() {
        String out = render(lobbyIn(BERLIN), HTML);
        assertTrue(out.startsWith("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"), out);
        assertTrue(out.contains("<title>lobby — Chatroom transcript</title>"), out);
        assertTrue(out.contains("<h1>lobby</h1>"), out);
        assertTrue(out.endsWith("</main>\n</body>\n</html>\n"), out);
    }

    @Test
    void itFollowsTheSystemsLightOrDarkTheme() {
        String out = render(lobbyIn(BERLIN), HTML);
        assertTrue(out.contains("<style>"), out);
        assertTrue(out.contains("@media (prefers-color-scheme: dark)"), out);
    }

    @Test
    void itHasNoScriptsAndLoadsNothingFromElsewhere() {
        String out = render(lobbyIn(BERLIN), HTML);
        assertFalse(out.contains("<script"), out);
        assertFalse(out.contains("src="), out);
        assertFalse(out.contains("href="), out);
        assertFalse(out.contains("@import"), out);
        assertFalse(out.contains("url("), out);
        assertTrue(out.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""), out);
    }

    @Test
    void aScriptInAMessageIsShownAsTextNotRun() {
        String out = render(HTML, message("mallory", "<script>alert(1)</script>", "2026-11-21T09:15:00Z"));
        assertTrue(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), out);
        assertFalse(out.contains("<script"), out);
    }

    @Test
    void quotesAndAmpersandsAreEscapedToo() {
        assertEquals("&quot;a&quot; &amp; &#39;b&#39; &lt;i&gt;", HtmlRenderer.escape("\"a\" & 'b' <i>"));
        String out = render(HTML, message("o'brien\"", "say \"hi\" & 'bye'", "2026-11-21T09:15:00Z"));
        assertTrue(out.contains("<span class=\"from\">o&#39;brien&quot;</span>"), out);
        assertTrue(out.contains("say &quot;hi&quot; &amp; &#39;bye&#39;"), out);
    }

    @Test
    void theTitleIsEscapedInTheTitleAndTheHeading() {
        String out = Conversation.render(Conversation.transcript("</title><script>x</script>", BERLIN, List.of()), HTML);
        assertTrue(out.contains("<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt; — Chatroom transcript</title>"), out);
        assertTrue(out.contains("<h1>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</h1>"), out);
        assertFalse(out.contains("<script"), out);
    }

    @Test
    void eachMessageHasItsSenderItsMachineReadableTimeAndItsText() {
        String out = render(HTML, message("alice", "hello", "2026-11-21T09:15:00Z"));
        assertTrue(out.contains("""
                <div class="msg">
                <p class="meta"><span class="from">alice</span> <time datetime="2026-11-21T10:15:00+01:00">10:15</time></p>
                <p class="text">hello</p>
                </div>
                """), out);
    }

    @Test
    void ourOwnMessagesCarryTheirOwnClass() {
        String out = render(HTML, ownMessage("bob", "mine", "2026-11-21T09:15:00Z"), message("alice", "theirs", "2026-11-21T09:16:00Z"));
        assertTrue(out.contains("<div class=\"msg own\">\n<p class=\"meta\"><span class=\"from\">bob</span>"), out);
        assertTrue(out.contains("<div class=\"msg\">\n<p class=\"meta\"><span class=\"from\">alice</span>"), out);
    }

    @Test
    void linesOfAMessageAreSeparatedByLineBreaks() {
        String out = render(HTML, message("alice", "one\n<two>\n\nfour", "2026-11-21T09:15:00Z"));
        assertTrue(out.contains("<p class=\"text\">one<br>&lt;two&gt;<br><br>four</p>"), out);
    }

    @Test
    void noticesAreMuted() {
        String out = render(HTML, notice("bob joined", "2026-11-21T09:15:00Z"));
        assertTrue(out.contains("<p class=\"notice\"><time datetime=\"2026-11-21T10:15:00+01:00\">10:15</time> bob joined</p>"), out);
        assertTrue(out.contains(".notice { color: var(--muted);"), out);
    }

    @Test
    void daysAreSeparatedByHeadings() {
        String out = render(lobbyIn(BERLIN), HTML);
        assertTrue(out.contains("<h2 class=\"day\"><time datetime=\"2026-11-21\">2026-11-21</time></h2>"), out);
        assertTrue(out.contains("<h2 class=\"day\"><time datetime=\"2026-11-22\">2026-11-22</time></h2>"), out);
    }

    @Test
    void timesInUtcUseTheZSuffixAndNeverAFraction() {
        String out = Conversation.render(Conversation.transcript("lobby", Conversation.UTC,
                List.of(message("alice", "precise", "2026-11-21T09:15:07.123456789Z"))), HTML);
        assertTrue(out.contains("<time datetime=\"2026-11-21T09:15:07Z\">09:15</time>"), out);
    }
}
