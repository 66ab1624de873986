package chatroom.client.transcript;

import chatroom.client.model.ChatLine;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Plain text: one line per message with its full date, so a transcript can be grepped line by
 * line; continuation lines are indented under the message text.
 */
record TextRenderer(Transcript transcript, Writer out) implements Renderer {

    @Override
    public void begin() throws IOException {
        line("Transcript of " + Lines.oneLine(transcript.title()) + " — exported " + Renderer.exported(transcript));
    }

    @Override
    public void day(LocalDate day) throws IOException {
        line("");
        line("--- " + day + " ---");
    }

    @Override
    public void message(ChatLine line, ZonedDateTime at) throws IOException {
        body("[" + DATE_TIME.format(at) + "] " + Renderer.sender(line) + ": ", line.text());
    }

    @Override
    public void notice(ChatLine line, ZonedDateTime at) throws IOException {
        body("[" + DATE_TIME.format(at) + "] * ", line.text());
    }

    @Override
    public void end() {
    }

    private void body(String prefix, String text) throws IOException {
        List<String> lines = Lines.split(text);
        line(prefix + lines.getFirst());
        String indent = " ".repeat(prefix.codePointCount(0, prefix.length()));
        for (String l : lines.subList(1, lines.size())) {
            // An empty line stays empty: trailing spaces are invisible noise.
            line(l.isEmpty() ? "" : indent + l);
        }
    }

    private void line(String s) throws IOException {
        out.write(s);
        out.write('\n');
    }
}
