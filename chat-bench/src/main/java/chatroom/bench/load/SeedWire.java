package chatroom.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The seed peer (../shared/peers/seed_server.py): it asks for a nickname with {@code NICK}, then
 * relays every chunk it reads to every client, the sender included. It has one room and no
 * framing of its own, so a message is the text and a newline, and a delivered line is the text.
 */
public record SeedWire() implements Wire {
    @Override
    public void login(Client c, String nick) throws IOException {
        c.await("NICK", this);
        c.write(nick + "\n");
    }

    @Override
    public void join(Client c, String room) {
        // One room for everyone.
    }

    @Override
    public byte[] message(String room, long seq, String text) {
        return (text + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean text(Client c, int size, int[] span) {
        // Join and leave notices are JSON; any other line is meant to be a message, garbled or not.
        if (c.lineEnd > c.lineStart && c.buffer()[c.lineStart] == '{' && c.mark() < 0) return false;
        span[0] = c.lineStart;
        span[1] = c.lineEnd;
        return true;
    }

    @Override
    public boolean echoes() {
        return true;
    }

    @Override
    public String label() {
        return "seed";
    }
}
