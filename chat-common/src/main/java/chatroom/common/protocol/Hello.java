package chatroom.common.protocol;

import java.util.Objects;

/**
 * The first frame of every connection, sent by the server.
 *
 * @param protocol the protocol version, 1
 * @param server the server's name and version
 * @param motd the message of the day, possibly empty
 */
@WireType("hello")
public record Hello(int protocol, String server, String motd) implements ServerMessage {
    public Hello {
        Objects.requireNonNull(server, "server");
    }
}
