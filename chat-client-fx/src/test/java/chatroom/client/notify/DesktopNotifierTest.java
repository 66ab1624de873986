package chatroom.client.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DesktopNotifierTest {
    private static final Optional<List<String>> NOTIFY_SEND = Optional.of(List.of("/usr/bin/notify-send"));
    private static final Optional<List<String>> OSASCRIPT = Optional.of(List.of("osascript"));

    private static List<String> line(Optional<List<String>> command, String title, String body) {
        return DesktopNotifier.commandLine(command, title, body).orElseThrow();
    }

    /** The two string literals of {@code display notification "…" with title "…"}, decoded as AppleScript reads them. */
    private static List<String> appleScriptArguments(String script) {
        String prefix = "display notification ";
        assertTrue(script.startsWith(prefix), script);
        int[] at = {prefix.length()};
        String body = readLiteral(script, at);
        String middle = " with title ";
        assertTrue(script.startsWith(middle, at[0]), "expected the title after the body: " + script);
        at[0] += middle.length();
        String title = readLiteral(script, at);
        assertEquals(script.length(), at[0], "nothing may follow the title: " + script);
        return List.of(body, title);
    }

    private static String readLiteral(String script, int[] at) {
        assertEquals('"', script.charAt(at[0]), "a string literal starts at " + at[0] + ": " + script);
        StringBuilder out = new StringBuilder();
        for (int i = at[0] + 1; i < script.length(); i++) {
            char c = script.charAt(i);
            if (c == '\\') {
                out.append(script.charAt(++i));
            } else if (c == '"') {
                at[0] = i + 1;
                return out.toString();
            } else {
                out.append(c);
            }
        }
        throw new AssertionError("unterminated string literal: " + script);
    }

    // ---- notify-send ----------------------------------------------------------------------------

    @Test
    void notifySendGetsTheAppNameThenTitleAndBodyAfterTheEndOfOptions() {
        List<String> line = line(NOTIFY_SEND, "bob", "hello there");
        assertEquals("/usr/bin/notify-send", line.getFirst());
        assertTrue(line.contains("--app-name=Chatroom"), line.toString());
        int end = line.indexOf("--");
        assertTrue(end > line.indexOf("--app-name=Chatroom"), "options come before --: " + line);
        assertEquals(List.of("--", "bob", "hello there"), line.subList(end, line.size()));
    }

    @Test
    void aBodyOrTitleStartingWithADashCannotBecomeAnOption() {
        List<String> line = line(NOTIFY_SEND, "--urgency=critical", "-t 0 --icon=/etc/passwd");
        int end = line.indexOf("--");
        assertEquals(List.of("--", "--urgency=critical", "-t 0 --icon=/etc/passwd"), line.subList(end, line.size()));
        assertFalse(line.subList(0, end).contains("-t 0 --icon=/etc/passwd"));
    }

    @Test
    void titleAndBodyAreSeparateArgumentsEvenWithSpacesAndQuotes() {
        List<String> line = line(NOTIFY_SEND, "bob in #lobby", "it's \"fine\"; rm -rf ~");
        assertEquals("bob in #lobby", line.get(line.size() - 2));
        assertEquals("it's \"fine\"; rm -rf ~", line.getLast());
    }

    // ---- osascript ------------------------------------------------------------------------------

    @Test
    void osascriptGetsOneScriptWithBodyAndTitleQuoted() {
        List<String> line = line(OSASCRIPT, "bob", "hello");
        assertEquals(List.of("osascript", "-e", "display notification \"hello\" with title \"bob\""), line);
    }

    @Test
    void osascriptIsRecognisedByItsFullPathToo() {
        List<String> line = line(Optional.of(List.of("/usr/bin/osascript")), "bob", "hello");
        assertEquals(List.of("/usr/bin/osascript", "-e", "display notification \"hello\" with title \"bob\""), line);
    }

    @Test
    void osascriptQuotingEscapesQuotesAndBackslashes() {
        String title = "Say \"hi\"";          // Say "hi"
        String body = "C:\\path \"quoted\""; // C:\path "quoted"
        List<String> line = line(OSASCRIPT, title, body);
        assertEquals("display notification " + "\"C:\\\\path \\\"quoted\\\"\"" + " with title " + "\"Say \\\"hi\\\"\"",
                line.get(2));
    }

    @Test
    void aBodyCannotEndTheAppleScriptStringEarly() {
        String body = "\" & (do shell script \"touch /tmp/owned\") & \"\\";
        String title = "\\\" with title \"x";
        List<String> line = line(OSASCRIPT, title, body);
        assertEquals(List.of(body, title), appleScriptArguments(line.get(2)));
    }

    // ---- long bodies and no command -----------------------------------------------------------------

    @Test
    void aBodyOverTwoHundredCharactersIsShortenedWithAnEllipsis() {
        String body = "x".repeat(250);
        assertEquals("x".repeat(200) + "…", line(NOTIFY_SEND, "bob", body).getLast());
        assertEquals(List.of("x".repeat(200) + "…", "bob"), appleScriptArguments(line(OSASCRIPT, "bob", body).get(2)));
    }

    @Test
    void aBodyOfExactlyTwoHundredCharactersIsLeftAlone() {
        String body = "y".repeat(200);
        assertEquals(body, line(NOTIFY_SEND, "bob", body).getLast());
    }

    @Test
    void shorteningNeverSplitsACharacter() {
        String body = "x".repeat(199) + "😀" + "more text after the emoji";
        String shortened = line(NOTIFY_SEND, "bob", body).getLast();
        assertTrue(shortened.endsWith("…"), shortened);
        String kept = shortened.substring(0, shortened.length() - 1);
        assertTrue(kept.codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE), "a lone surrogate was left in the body");
        assertTrue(body.startsWith(kept));
    }

    @Test
    void withoutACommandThereIsNoCommandLine() {
        assertEquals(Optional.empty(), DesktopNotifier.commandLine(Optional.empty(), "bob", "hello"));
    }
}
