package chatroom.common.codec;

import chatroom.common.model.MemberChange;
import chatroom.common.model.Role;
import chatroom.common.model.Status;
import chatroom.common.protocol.*;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Representative instances of every message record, keyed by record class: a fully populated one
 * and, where fields are optional, a minimal one. The tests check that the keys are exactly the
 * permitted subclasses, so a new record without samples here fails the build.
 */
final class MessageSamples {
    static final Instant TS = Instant.parse("2026-11-21T10:15:30.123Z");
    static final Instant SINCE = Instant.parse("2026-11-20T08:00:00.000Z");
    static final Instant UNTIL = Instant.parse("2026-12-24T18:30:00.500Z");

    private MessageSamples() {
    }

    static Map<Class<? extends ClientMessage>, List<ClientMessage>> client() {
        Map<Class<? extends ClientMessage>, List<ClientMessage>> samples = new LinkedHashMap<>();
        add(samples,
                new RegisterRequest("r-1", "Ünsal", "correct horse battery"),
                new RegisterRequest(null, "alice", "12345678"),
                new LoginRequest("l-1", "alice", "correct horse battery"),
                new LoginRequest(null, "alice", "x"),
                new JoinRequest("j-1", "lobby"),
                new JoinRequest(null, "名前"),
                new PartRequest("p-1", "lobby"),
                new PartRequest(null, "dev"),
                new SayRequest("0b1e4c7e-1f5e-4b8a-9d0a-3c2b1a0f9e8d", "lobby", "hello 👋 <b>world</b>"),
                new DmRequest("d-1", "bob", "hi bob\nsecond line"),
                new HistoryRequest("h-1", "lobby", null, 120L, 80L, 20),
                new HistoryRequest("h-2", null, "bob", null, 0L, HistoryRequest.MAX_LIMIT),
                new HistoryRequest(null, "lobby", null, null, null, null),
                new StatusRequest("s-1", Status.AWAY),
                new StatusRequest(null, Status.BUSY),
                new StatusRequest(null, Status.ONLINE),
                new UsersRequest("u-1"),
                new UsersRequest(null),
                new RoomsRequest("rs-1"),
                new RoomsRequest(null),
                new TypingRequest("t-1", "lobby", null),
                new TypingRequest(null, null, "bob"),
                new TopicRequest("tp-1", "lobby", "Release day: be nice"),
                new TopicRequest(null, "lobby", ""),
                new KickRequest("k-1", "mallory", "spamming links"),
                new KickRequest(null, "mallory", null),
                new BanRequest("b-1", "mallory", "spam", 60L),
                new BanRequest(null, "mallory", null, null),
                new UnbanRequest("ub-1", "mallory"),
                new UnbanRequest(null, "mallory"),
                new BansRequest("bs-1"),
                new BansRequest(null),
                new RoleRequest("ro-1", "bob", Role.MODERATOR),
                new RoleRequest(null, "bob", Role.ADMIN),
                new RoleRequest(null, "bob", Role.USER),
                new PasswordRequest("pw-1", "old secret", "new secret 123"),
                new PasswordRequest(null, "x", "newpassword"),
                new PingRequest("pi-1"),
                new PingRequest(null),
                new PongRequest("po-1"),
                new PongRequest(null),
                new QuitRequest("q-1"),
                new QuitRequest(null));
        return Collections.unmodifiableMap(samples);
    }

    static Map<Class<? extends ServerMessage>, List<ServerMessage>> server() {
        ChatMessage roomMessage = new ChatMessage("lobby", null, 43, "m-43", "alice", "hello 👋 名前", TS);
        ChatMessage olderMessage = new ChatMessage("lobby", null, 42, "m-42", "bob", "<script>alert(1)</script>", TS.minusSeconds(60));
        ChatMessage directMessage = new ChatMessage(null, "bob", 7, "d-7", "alice", "psst", TS);
        Map<Class<? extends ServerMessage>, List<ServerMessage>> samples = new LinkedHashMap<>();
        add(samples,
                new Hello(1, "chatroom 0.1.0", "Welcome to the LAN chat!"),
                new Hello(1, "chatroom 0.1.0", null),
                new Welcome("r-1", "alice", Role.ADMIN,
                        List.of(new RoomState("lobby", "General chat", 42), new RoomState("dev", null, 0)),
                        List.of(new DmState("bob", 7))),
                new Welcome(null, "bob", Role.USER, List.of(), List.of()),
                new Joined("j-1", "lobby", "General chat",
                        List.of(new UserInfo("alice", Status.ONLINE, Role.ADMIN), new UserInfo("bob", Status.AWAY, Role.USER)),
                        42),
                new Joined(null, "dev", null, List.of(), 0),
                new Ok("x-1"),
                new Ok(null),
                new Ack("m-43", "lobby", null, 43, TS),
                new Ack("d-7", null, "bob", 7, TS),
                new HistoryPage("h-1", "lobby", null, List.of(olderMessage, roomMessage)),
                new HistoryPage("h-2", null, "bob", List.of(directMessage)),
                new HistoryPage(null, "lobby", null, List.of()),
                new UserList("u-1", List.of(new UserInfo("alice", Status.BUSY, Role.ADMIN),
                        new UserInfo("carol", Status.OFFLINE, Role.MODERATOR))),
                new UserList(null, List.of()),
                new RoomList("rs-1", List.of(new RoomInfo("lobby", "General chat", 3), new RoomInfo("dev", null, 0))),
                new RoomList(null, List.of()),
                new BanList("bs-1", List.of(new BanInfo("mallory", "alice", "spam", SINCE, UNTIL),
                        new BanInfo("eve", "alice", null, SINCE, null))),
                new BanList(null, List.of()),
                new Pong("pi-1"),
                new Pong(null),
                new Bye("q-1", "quit"),
                new Bye(null, "server_shutdown"),
                roomMessage,
                directMessage,
                new MemberEvent("lobby", "bob", MemberChange.JOIN),
                new MemberEvent("lobby", "bob", MemberChange.LEAVE),
                new PresenceEvent("bob", Status.BUSY),
                new PresenceEvent("bob", Status.OFFLINE),
                new TopicEvent("lobby", "New topic", "alice"),
                new TopicEvent("lobby", null, null),
                new TypingEvent("alice", "lobby", null),
                new TypingEvent("alice", null, "bob"),
                new KickedEvent("alice", "spamming links"),
                new KickedEvent(null, null),
                new BannedEvent("alice", "spam", UNTIL),
                new BannedEvent(null, null, null),
                new ServerPing(),
                new ErrorReply("l-1", ErrorCode.BANNED, "You are banned until 2026-12-24.", "spam", UNTIL, null),
                new ErrorReply("s-9", ErrorCode.RATE_LIMITED, "Slow down: try again in 1.5 seconds.", null, null, 1500L),
                ErrorReply.of(null, ErrorCode.BAD_REQUEST, "The frame is not valid JSON."));
        return Collections.unmodifiableMap(samples);
    }

    /** Every sample of both directions, for tests that do not care about the direction. */
    static List<Object> all() {
        List<Object> all = new ArrayList<>();
        client().values().forEach(all::addAll);
        server().values().forEach(all::addAll);
        return all;
    }

    @SafeVarargs
    private static <T> void add(Map<Class<? extends T>, List<T>> samples, T... messages) {
        for (T m : messages) {
            @SuppressWarnings("unchecked")
            Class<? extends T> type = (Class<? extends T>) m.getClass();
            samples.computeIfAbsent(type, k -> new ArrayList<>()).add(m);
        }
        samples.replaceAll((k, v) -> List.copyOf(v));
    }
}
