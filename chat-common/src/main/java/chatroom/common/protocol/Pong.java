package chatroom.common.protocol;


/**
 * The reply to {@code ping}.
 */
@WireType("pong")
public record Pong(String re) implements ServerMessage {

}
