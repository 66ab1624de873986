package chatroom.client.transcript;

import chatroom.client.model.ChatLine;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;

/**
 * A standalone web page: one file with its styles inside, no scripts and nothing loaded from
 * anywhere, so it opens the same offline, years later, in any browser.
 */
record HtmlRenderer(Transcript transcript, Writer out) implements Renderer {

    /**
     * Follows the system's light or dark theme. The policy forbids scripts and every external
     * resource, a second line of defence should any user text ever slip through unescaped.
     */
    private static final String HEAD = """
            <!DOCTYPE html>
            <html>
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>%s — Chatroom transcript</title>
            <style>
            :root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #656d76; --own: #ddf4ff; --rule: #d0d7de; }
            @media (prefers-color-scheme: dark) {
              :root { --bg: #0d1117; --fg: #e6edf3; --muted: #8d96a0; --own: #132a44; --rule: #30363d; }
            }
            body { margin: 0 auto; max-width: 48rem; padding: 1.5rem; background: var(--bg); color: var(--fg);
                   font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
            h1 { font-size: 1.4rem; margin: 0; }
            .exported { color: var(--muted); font-size: .85rem; margin: .25rem 0 1rem; }
            .day { color: var(--muted); font-size: .8rem; font-weight: 600; margin: 1.5rem 0 .5rem;
                   padding-bottom: .25rem; border-bottom: 1px solid var(--rule); }
            .msg { margin: .25rem 0; padding: .35rem .75rem; border-radius: .5rem; }
            .msg.own { background: var(--own); }
            .msg p { margin: 0; }
            .from { font-weight: 600; }
            time { color: var(--muted); font-size: .8rem; }
            .meta time { margin-left: .25rem; }
            .text { white-space: pre-wrap; overflow-wrap: anywhere; }
            .notice { color: var(--muted); font-style: italic; font-size: .9rem; margin: .25rem .75rem; }
            .notice time { font-style: normal; margin-right: .25rem; }
            </style>
            </head>
            <body>
            <header>
            <h1>%s</h1>
            <p class="exported">Exported %s</p>
            </header>
            <main>
            """;

    /** A valid HTML datetime: with the zone's offset, and no fraction it does not allow. */
    private static final DateTimeFormatter DATETIME_ATTRIBUTE = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    /** Escapes the five characters that are special in HTML text and attribute values. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public void begin() throws IOException {
        String title = escape(Lines.oneLine(transcript.title()).strip());
        String exported = time(transcript.exportedAt().atZone(transcript.zone()), escape(Renderer.exported(transcript)));
        out.write(HEAD.formatted(title, title, exported));
    }

    @Override
    public void day(LocalDate day) throws IOException {
        out.write("<h2 class=\"day\"><time datetime=\"" + day + "\">" + day + "</time></h2>\n");
    }

    @Override
    public void message(ChatLine line, ZonedDateTime at) throws IOException {
        out.write("<div class=\"" + (line.own() ? "msg own" : "msg") + "\">\n");
        out.write("<p class=\"meta\"><span class=\"from\">" + escape(Renderer.sender(line)) + "</span> "
                + time(at, TIME.format(at)) + "</p>\n");
        out.write("<p class=\"text\">" + text(line) + "</p>\n");
        out.write("</div>\n");
    }

    @Override
    public void notice(ChatLine line, ZonedDateTime at) throws IOException {
        out.write("<p class=\"notice\">" + time(at, TIME.format(at)) + " " + text(line) + "</p>\n");
    }

    @Override
    public void end() throws IOException {
        out.write("</main>\n</body>\n</html>\n");
    }

    /**
     * The escaped text with {@code <br>} between lines, on one source line: the paragraph keeps
     * white space ({@code pre-wrap}), so a newline in the source would show as a second break.
     */
    private static String text(ChatLine line) {
        return Lines.split(line.text()).stream().map(HtmlRenderer::escape).collect(Collectors.joining("<br>"));
    }

    private static String time(ZonedDateTime at, String shown) {
        String iso = DATETIME_ATTRIBUTE.format(at.truncatedTo(ChronoUnit.SECONDS));
        return "<time datetime=\"" + iso + "\">" + shown + "</time>";
    }
}
