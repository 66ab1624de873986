package chatroom.common.protocol;


/**
 * The receiver was kicked by {@code by}; the connection closes next.
 */
@WireType("kicked")
public record KickedEvent(String by, String reason) implements ServerMessage {

}
