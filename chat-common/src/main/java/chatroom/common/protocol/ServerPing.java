package chatroom.common.protocol;


/**
 * The server checks that an idle client is alive (extension of v1); answer with {@code pong}
 * (any frame will do).
 */
@WireType("ping")
public record ServerPing() implements ServerMessage {

}
