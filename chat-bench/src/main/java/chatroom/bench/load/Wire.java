package chatroom.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/**
 * What the generator needs to know of one server's protocol: how to connect, log in and join a
 * room, how a message is written, and where its text is in a delivered line. Each method that
 * looks at a line works on the client's buffer in place.
 */
public sealed interface Wire permits ChatWire, IrcWire, SeedWire {
    /** Opens a connection (and the TLS handshake, where the wire has one). */
    default Client connect(InetSocketAddress address, int bufferSize) throws IOException {
        return new Client(openChannel(address, 0), bufferSize);
    }

    /**
     * A blocking TCP channel with Nagle off. {@code receiveBuffer} above 0 shrinks the kernel's
     * receive buffer, so a client that stops reading fills up after kilobytes, not megabytes.
     */
    static SocketChannel openChannel(InetSocketAddress address, int receiveBuffer) throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (receiveBuffer > 0) ch.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
        ch.socket().connect(address, 10_000);
        return ch;
    }

    /** Like {@link #connect(InetSocketAddress, int)} with a small kernel receive buffer; see {@link #openChannel}. */
    default Client connectStalling(InetSocketAddress address, int receiveBuffer) throws IOException {
        return new Client(openChannel(address, receiveBuffer), 4096);
    }

    /** Logs in as {@code nick}, creating the account where the server has accounts. */
    void login(Client c, String nick) throws IOException;

    /** Joins {@code room}, returning once the server confirmed it. */
    void join(Client c, String room) throws IOException;

    /** One message line for {@code room}, with its line end. */
    byte[] message(String room, long seq, String text);

    /**
     * Finds the text of a chat message in the client's last line: sets {@code span[0]} and
     * {@code span[1]} to its bounds and returns true, or returns false for anything else. Each wire
     * first looks where a text of {@code size} bytes must start, since scanning every line for it
     * was the generator's costliest step, and scans only when it is not there.
     */
    boolean text(Client c, int size, int[] span);

    /** Handles a line that is not a chat message (answers a server ping, say). */
    default void onOtherLine(Client c) throws IOException {
    }

    /** True when the sender also gets its own messages back. */
    boolean echoes();

    /** The name for tables. */
    String label();

    /** The wire called {@code name}: chat, chat-tls, irc or seed. */
    static Wire named(String name) {
        return switch (name) {
            case "chat" -> new ChatWire(false);
            case "chat-tls" -> new ChatWire(true);
            case "irc" -> new IrcWire();
            case "seed" -> new SeedWire();
            default -> throw new IllegalArgumentException("Unknown protocol '" + name + "': use chat, chat-tls, irc or seed.");
        };
    }
}
