package chatroom.client.testing;

import chatroom.client.model.ConnectionState;
import chatroom.client.model.ConversationKey;
import chatroom.client.model.PendingMessage;
import chatroom.client.service.ChatEvents;
import chatroom.client.service.ChatService;
import chatroom.client.service.RequestFailedException;
import chatroom.client.service.ServerAddress;
import chatroom.common.model.Role;
import chatroom.common.model.Status;
import chatroom.common.protocol.BanInfo;
import chatroom.common.protocol.HistoryPage;
import chatroom.common.protocol.Joined;
import chatroom.common.protocol.RoomInfo;
import chatroom.common.protocol.UserInfo;
import chatroom.common.protocol.Welcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A chat service for ViewModel tests: it records what was asked and hands back futures the test
 * completes, so every step runs on the test's own thread without a toolkit or a network.
 */
public final class FakeChatService implements ChatService {
    /** One request the ViewModel made, with the future the test completes. */
    public record Call(String what, List<Object> args, CompletableFuture<Object> reply) {}

    public final List<ChatEvents> listeners = new ArrayList<>();
    public final List<Call> calls = new ArrayList<>();
    public final List<PendingMessage> sent = new ArrayList<>();
    public final List<ConversationKey> typed = new ArrayList<>();
    public CompletableFuture<Welcome> login = new CompletableFuture<>();
    public ConnectionState state = ConnectionState.DISCONNECTED;
    public String user = "alice";
    public Role role = Role.USER;
    public Instant now = Instant.parse("2026-11-21T10:00:00Z");
    public boolean loggedOut;
    /** When set, {@link #send} throws it, as the real service does when it cannot queue a message. */
    public RequestFailedException refuseSends;

    public List<Call> calls(String what) {
        return calls.stream().filter(c -> c.what().equals(what)).toList();
    }

    public Call last(String what) {
        List<Call> matching = calls(what);
        if (matching.isEmpty()) throw new AssertionError("no " + what + " call in " + calls);
        return matching.getLast();
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> call(String what, Object... args) {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        calls.add(new Call(what, List.of(args), reply));
        return (CompletableFuture<T>) reply;
    }

    @Override
    public void addListener(ChatEvents listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(ChatEvents listener) {
        listeners.remove(listener);
    }

    @Override
    public CompletableFuture<Welcome> logIn(ServerAddress address, String user, String password, boolean register) {
        calls.add(new Call("logIn", List.of(address, user, password, register), new CompletableFuture<>()));
        return login;
    }

    @Override
    public void logOut() {
        loggedOut = true;
    }

    @Override
    public void reconnectNow() {
        calls.add(new Call("reconnectNow", List.of(), new CompletableFuture<>()));
    }

    @Override
    public ConnectionState state() {
        return state;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public Role role() {
        return role;
    }

    @Override
    public ServerAddress address() {
        return new ServerAddress("localhost", 7447);
    }

    @Override
    public PendingMessage send(ConversationKey to, String text) {
        if (refuseSends != null) throw refuseSends;
        PendingMessage m = new PendingMessage(UUID.randomUUID().toString(), to, text, now);
        sent.add(m);
        return m;
    }

    @Override
    public List<PendingMessage> outbox() {
        return List.copyOf(sent);
    }

    @Override
    public CompletableFuture<HistoryPage> olderHistory(ConversationKey key, Long beforeSeq, int limit) {
        return call("history", key, beforeSeq == null ? -1L : beforeSeq, limit);
    }

    @Override
    public CompletableFuture<Joined> join(String room) {
        return call("join", room);
    }

    @Override
    public CompletableFuture<Void> part(String room) {
        return call("part", room);
    }

    @Override
    public void typing(ConversationKey key) {
        typed.add(key);
    }

    @Override
    public CompletableFuture<Void> status(Status status) {
        return call("status", status);
    }

    @Override
    public CompletableFuture<List<UserInfo>> users() {
        return call("users");
    }

    @Override
    public CompletableFuture<List<RoomInfo>> rooms() {
        return call("rooms");
    }

    @Override
    public CompletableFuture<Void> topic(String room, String topic) {
        return call("topic", room, topic);
    }

    @Override
    public CompletableFuture<Void> kick(String user, String reason) {
        return call("kick", user, reason == null ? "" : reason);
    }

    @Override
    public CompletableFuture<Void> ban(String user, String reason, Long minutes) {
        return call("ban", user, reason == null ? "" : reason, minutes == null ? -1L : minutes);
    }

    @Override
    public CompletableFuture<Void> unban(String user) {
        return call("unban", user);
    }

    @Override
    public CompletableFuture<List<BanInfo>> bans() {
        return call("bans");
    }

    @Override
    public CompletableFuture<Void> role(String user, Role role) {
        return call("role", user, role);
    }

    @Override
    public CompletableFuture<Void> changePassword(String oldPassword, String newPassword) {
        return call("changePassword", oldPassword, newPassword);
    }
}
