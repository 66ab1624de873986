package chatroom.client.service;

import chatroom.client.model.ConnectionState;
import chatroom.client.model.ConversationKey;
import chatroom.client.model.PendingMessage;
import chatroom.common.model.Role;
import chatroom.common.model.Status;
import chatroom.common.protocol.BanInfo;
import chatroom.common.protocol.HistoryPage;
import chatroom.common.protocol.Joined;
import chatroom.common.protocol.RoomInfo;
import chatroom.common.protocol.UserInfo;
import chatroom.common.protocol.Welcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The ViewModels' one door to the server. Methods are called on the UI thread and never block;
 * futures complete, and {@link ChatEvents} arrive, on the UI executor. A failed future carries a
 * {@link RequestFailedException} whose message is a sentence for the user.
 */
public interface ChatService {

    void addListener(ChatEvents listener);

    void removeListener(ChatEvents listener);

    /** Connects and logs in (or registers first); the service keeps the session alive from then on. */
    CompletableFuture<Welcome> logIn(ServerAddress address, String user, String password, boolean register);

    /** Says goodbye to the server; no reconnect follows. */
    void logOut();

    /** Retries at once instead of waiting out the backoff. */
    void reconnectNow();

    ConnectionState state();

    /** The logged-in user's name as the server spells it, or null. */
    String user();

    Role role();

    ServerAddress address();

    /**
     * Queues a message in the outbox and sends it now if connected, later otherwise. The outbox is
     * kept on disk, so a message queued here is sent even if the client is closed before that.
     *
     * @throws RequestFailedException with a sentence for the user when the message cannot be queued:
     *                                not logged in, the protocol would refuse it, or
     *                                {@link chatroom.client.model.MessageOutbox#CAPACITY} messages are
     *                                already waiting
     */
    PendingMessage send(ConversationKey to, String text);

    /** Messages not yet acked, oldest first. */
    List<PendingMessage> outbox();

    /** The newest {@code limit} messages before {@code beforeSeq} (or the newest, when null). */
    CompletableFuture<HistoryPage> olderHistory(ConversationKey key, Long beforeSeq, int limit);

    CompletableFuture<Joined> join(String room);

    CompletableFuture<Void> part(String room);

    /** Tells the others we are typing; failures are not worth reporting. */
    void typing(ConversationKey key);

    CompletableFuture<Void> status(Status status);

    CompletableFuture<List<UserInfo>> users();

    CompletableFuture<List<RoomInfo>> rooms();

    CompletableFuture<Void> topic(String room, String topic);

    CompletableFuture<Void> kick(String user, String reason);

    /** Bans for {@code minutes}, or until unbanned when null. */
    CompletableFuture<Void> ban(String user, String reason, Long minutes);

    CompletableFuture<Void> unban(String user);

    CompletableFuture<List<BanInfo>> bans();

    CompletableFuture<Void> role(String user, Role role);

    /**
     * Changes the logged-in user's password; fails with the server's sentence (wrong current
     * password, too weak). On success the service also uses the new password when it reconnects.
     */
    CompletableFuture<Void> changePassword(String oldPassword, String newPassword);
}
