package chatroom.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * IRC (RFC 2812) as ngircd and InspIRCd speak it: NICK and USER, then JOIN, then PRIVMSG to the
 * channel. A sender does not get its own messages back. The reader answers the server's PING.
 */
public record IrcWire() implements Wire {

    @Override
    public void login(Client c, String nick) throws IOException {
        c.write("NICK " + nick + "\r\nUSER " + nick + " 0 * :bench\r\n");
        while (c.nextLine()) {
            if (c.lineContains(" 001 ")) return;
            if (c.lineContains(" 433 ") || c.lineContains("ERROR")) throw new IOException("Login as " + nick + " failed: " + c.line());
            onOtherLine(c);
        }
        throw new IOException("The IRC server closed the connection during the login of " + nick);
    }

    @Override
    public void join(Client c, String room) throws IOException {
        c.write("JOIN #" + room + "\r\n");
        c.await(" 366 ", this); // end of the names list: the join is complete
    }

    @Override
    public byte[] message(String room, long seq, String text) {
        return ("PRIVMSG #" + room + " :" + text + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean text(Client c, int size, int[] span) {
        // ":nick!user@host PRIVMSG #room :text": the text runs to the end of the line.
        int mark = c.lineEnd - size;
        if (!c.isMark(mark)) mark = c.mark();
        if (mark < c.lineStart + 2 || c.buffer()[mark - 1] != ':' || c.buffer()[mark - 2] != ' ') return false;
        span[0] = mark;
        span[1] = c.lineEnd;
        return true;
    }

    @Override
    public void onOtherLine(Client c) throws IOException {
        byte[] b = c.buffer();
        if (c.lineEnd - c.lineStart >= 5 && b[c.lineStart] == 'P' && b[c.lineStart + 1] == 'I' && b[c.lineStart + 2] == 'N'
                && b[c.lineStart + 3] == 'G' && b[c.lineStart + 4] == ' ') {
            c.write("PONG " + new String(b, c.lineStart + 5, c.lineEnd - c.lineStart - 5, StandardCharsets.US_ASCII) + "\r\n");
        }
    }

    @Override
    public boolean echoes() {
        return false;
    }

    @Override
    public String label() {
        return "irc";
    }
}
