package chatroom.client.transcript;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The file formats a conversation can be saved in, each with the file name extension and the
 * description a save dialog shows for it.
 */
public enum TranscriptFormat {
    TEXT("txt", "Plain text"),
    MARKDOWN("md", "Markdown"),
    HTML("html", "Web page");

    /** Used when a title has nothing left that is safe in a file name. */
    private static final String FALLBACK_STEM = "transcript";
    /** Keeps the name well under the 255-byte limit of common file systems, even in UTF-8. */
    private static final int MAX_STEM_LENGTH = 60;
    /** Reserved on Windows; the other platforms only reserve '/', which is in here too. */
    private static final String UNSAFE = "/\\:*?\"<>|";

    private final String extension;
    private final String description;

    TranscriptFormat(String extension, String description) {
        this.extension = extension;
        this.description = description;
    }

    /** The file name extension, lower case and without the dot, e.g. {@code md}. */
    public String extension() {
        return extension;
    }

    /** A short human description for a save dialog, e.g. "Markdown". */
    public String description() {
        return description;
    }

    /**
     * The format whose extension {@code fileName} ends with, ignoring case; empty when it has no
     * extension or one we do not write. A dot in a folder name does not count.
     */
    public static Optional<TranscriptFormat> forFileName(String fileName) {
        if (fileName == null) return Optional.empty();
        int separator = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        int dot = fileName.lastIndexOf('.');
        if (dot <= separator) return Optional.empty();
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (TranscriptFormat format : values()) {
            if (format.extension.equals(ext)) return Optional.of(format);
        }
        return Optional.empty();
    }

    /**
     * A file name for saving the conversation {@code conversationTitle} on {@code date}, safe on
     * Windows, macOS and Linux: e.g. {@code lobby-2026-11-21.md}, or {@code dm-bob-2026-11-21.md}
     * for the direct conversation "@bob".
     */
    public String defaultFileName(String conversationTitle, LocalDate date) {
        Objects.requireNonNull(date, "date");
        return stem(conversationTitle) + "-" + date + "." + extension;
    }

    private static String stem(String title) {
        String t = title == null ? "" : title.strip();
        // "@bob" and "#lobby" are how the client shows conversations; '@' and '#' are legal in
        // file names but awkward in shells and URLs, and "dm-" keeps DMs apart from a room "bob".
        if (t.startsWith("@")) t = "dm-" + t.substring(1);
        else if (t.startsWith("#")) t = t.substring(1);

        StringBuilder sb = new StringBuilder();
        t.codePoints().forEach(cp -> {
            boolean unsafe = cp < 0x80 && UNSAFE.indexOf(cp) >= 0
                    || Character.isISOControl(cp)
                    || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                    // bidi overrides and other invisible characters can disguise the extension
                    || Character.getType(cp) == Character.FORMAT
                    || Character.getType(cp) == Character.SURROGATE;
            int out = unsafe ? '-' : cp;
            if (out == '-' && !sb.isEmpty() && sb.charAt(sb.length() - 1) == '-') return;
            sb.appendCodePoint(out);
        });
        String s = trim(sb.toString());
        if (s.codePointCount(0, s.length()) > MAX_STEM_LENGTH) {
            s = trim(s.substring(0, s.offsetByCodePoints(0, MAX_STEM_LENGTH)));
        }
        // The appended date keeps Windows device names (CON, NUL, ...) from ever being the
        // whole stem, so they need no special case.
        return s.isEmpty() ? FALLBACK_STEM : s;
    }

    /**
     * Drops leading and trailing dots and dashes: a leading dot hides the file on Unix, a leading
     * dash reads as an option on command lines, and Windows silently drops trailing dots.
     */
    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isTrimmed(s.charAt(start))) start++;
        while (end > start && isTrimmed(s.charAt(end - 1))) end--;
        return s.substring(start, end);
    }

    private static boolean isTrimmed(char c) {
        return c == '.' || c == '-';
    }
}
