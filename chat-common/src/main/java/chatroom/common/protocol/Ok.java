package chatroom.common.protocol;


/**
 * The reply to a request that succeeded and has nothing else to say.
 */
@WireType("ok")
public record Ok(String re) implements ServerMessage {

}
