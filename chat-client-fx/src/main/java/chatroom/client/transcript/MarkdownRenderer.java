package chatroom.client.transcript;

import chatroom.client.model.ChatLine;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Markdown (CommonMark, GitHub flavoured): one paragraph per message, user text escaped so that
 * it reads exactly as it was typed and cannot format, link or embed anything.
 */
record MarkdownRenderer(Transcript transcript, Writer out) implements Renderer {

    /**
     * Characters escaped wherever they appear: each can open inline markup (emphasis, code,
     * links, raw HTML, entities, tables, strikethrough, and math, highlight and superscript in
     * common extensions), and {@code #} can also close a heading. {@code ( ) ! .} need no escape
     * once {@code [ ]} and line starts are handled, and leaving them keeps the raw file readable.
     */
    private static final String ALWAYS = "\\`*_{}[]<>|~&$^=#";
    /** Characters that only mean something at the start of a line (lists, rules, headings underlined). */
    private static final String AT_LINE_START = "+-";

    /**
     * Escapes one line of user text so that it renders literally, even as a continuation line of
     * a paragraph. Bare URLs may still be auto-linked by GitHub, but such a link shows its own
     * address, so it cannot disguise where it goes.
     */
    static String escape(String line) {
        StringBuilder sb = new StringBuilder(line.length() + 8);
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) sb.append(line.charAt(i++));
        int digits = i;
        while (digits < line.length() && line.charAt(digits) >= '0' && line.charAt(digits) <= '9') digits++;
        for (int j = i; j < line.length(); j++) {
            char c = line.charAt(j);
            boolean lineStart = j == i && AT_LINE_START.indexOf(c) >= 0;
            // "1." and "1)" start an ordered list.
            boolean listNumber = j == digits && digits > i && (c == '.' || c == ')');
            if (ALWAYS.indexOf(c) >= 0 || lineStart || listNumber) sb.append('\\');
            sb.append(c);
        }
        return sb.toString();
    }

    @Override
    public void begin() throws IOException {
        out.write("# " + escape(Lines.oneLine(transcript.title()).strip()) + "\n");
        block("*Exported " + escape(Renderer.exported(transcript)) + "*");
    }

    @Override
    public void day(LocalDate day) throws IOException {
        block("## " + day);
    }

    @Override
    public void message(ChatLine line, ZonedDateTime at) throws IOException {
        // Two trailing spaces: a hard break that keeps the text in the same paragraph.
        String header = "**" + escape(Renderer.sender(line)) + "** · " + TIME.format(at) + "  ";
        String text = hardBreaks(Lines.split(line.text()).stream().map(MarkdownRenderer::escape).toList());
        block(text.isBlank() ? header.strip() : header + "\n" + text);
    }

    @Override
    public void notice(ChatLine line, ZonedDateTime at) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String l : Lines.split(line.text())) {
            String s = l.strip();
            // Emphasis only works when the text touches the asterisks, and "* " would start a list.
            lines.add(s.isEmpty() ? "" : "*" + escape(s) + "*");
        }
        lines.set(0, lines.getFirst() + " · " + TIME.format(at));
        block(hardBreaks(lines));
    }

    @Override
    public void end() {
    }

    /**
     * Joins lines with backslash hard breaks rather than trailing spaces: they survive editors
     * that trim whitespace, and an empty line between them does not end the paragraph.
     */
    private static String hardBreaks(List<String> lines) {
        return String.join("\\\n", lines);
    }

    /** Writes a block preceded by the blank line that separates Markdown blocks. */
    private void block(String text) throws IOException {
        out.write("\n");
        out.write(text);
        out.write("\n");
    }
}
