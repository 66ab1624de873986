package chatroom.common.protocol;


/**
 * A frame sent by a client to the server. Each permitted record is one {@code type} of the
 * protocol, named by its {@link WireType}. Every request may carry an {@code id}; the reply to it
 * carries that id as {@code re}.
 */
public sealed interface ClientMessage
        permits RegisterRequest, LoginRequest, JoinRequest, PartRequest, SayRequest, DmRequest,
                HistoryRequest, StatusRequest, UsersRequest, RoomsRequest, TypingRequest,
                TopicRequest, KickRequest, BanRequest, UnbanRequest, BansRequest, RoleRequest,
                PasswordRequest, PingRequest, PongRequest, QuitRequest {

    /** The client's request id, or null. */
    String id();
}
