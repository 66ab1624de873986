package chatroom.client.transcript;

import java.util.ArrayList;
import java.util.List;

/**
 * Cleans user text before any format sees it. Control characters are replaced because in a
 * text file they could drive the terminal that {@code cat}s it (ANSI escapes), and in the other
 * formats they are invalid; lone surrogates because they cannot be encoded as UTF-8.
 */
final class Lines {
    private static final char REPLACEMENT = '\uFFFD';

    private Lines() {
    }

    /**
     * The lines of a possibly multi-line text, whatever its line separators. Trailing empty lines
     * are dropped: a pasted text often ends with a line break nobody meant to send.
     */
    static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r\n|\r|\n|\u2028|\u2029", -1)) {
            lines.add(clean(line));
        }
        while (lines.size() > 1 && lines.getLast().isBlank()) lines.removeLast();
        return lines;
    }

    /** A text that must stay on one line, such as a name or title: line breaks become spaces. */
    static String oneLine(String text) {
        return String.join(" ", text.split("\r\n|\r|\n|\u2028|\u2029", -1)).transform(Lines::clean);
    }

    /** Replaces control characters (except tab) and lone surrogates in a single line. */
    private static String clean(String line) {
        StringBuilder sb = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean bad = c != '\t' && Character.isISOControl(c) || isLoneSurrogate(line, i);
            if (Character.isHighSurrogate(c) && !bad) {
                // A valid pair: copy both halves at once so the low half is not looked at alone.
                if (sb != null) sb.append(c).append(line.charAt(i + 1));
                i++;
                continue;
            }
            if (bad && sb == null) sb = new StringBuilder(line.length()).append(line, 0, i);
            if (sb != null) sb.append(bad ? REPLACEMENT : c);
        }
        return sb == null ? line : sb.toString();
    }

    private static boolean isLoneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        return Character.isLowSurrogate(c);
    }
}
