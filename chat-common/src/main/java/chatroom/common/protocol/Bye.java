package chatroom.common.protocol;


/**
 * The last frame before the server closes the connection: the reply to {@code quit}
 * ({@code reason} "quit"), or sent on shutdown ({@code reason} "server_shutdown").
 */
@WireType("bye")
public record Bye(String re, String reason) implements ServerMessage {

}
