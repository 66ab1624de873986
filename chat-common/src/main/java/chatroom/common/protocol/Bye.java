package chatroom.common.protocol;


/**
 * The last frame before the server closes the connection: the reply to {@code quit}
 * ({@code reason} "quit"), or sent unprompted: {@code server_shutdown} when the server stops,
 * {@code ping_timeout} when the client stopped answering, {@code too_many_errors} after repeated
 * undecodable frames.
 */
@WireType("bye")
public record Bye(String re, String reason) implements ServerMessage {

}
