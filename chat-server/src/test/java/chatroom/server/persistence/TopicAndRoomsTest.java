package chatroom.server.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.model.MemberChange;
import chatroom.common.model.Role;
import chatroom.common.protocol.Ack;
import chatroom.common.protocol.ChatMessage;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ErrorReply;
import chatroom.common.protocol.JoinRequest;
import chatroom.common.protocol.Joined;
import chatroom.common.protocol.LoginRequest;
import chatroom.common.protocol.MemberEvent;
import chatroom.common.protocol.Ok;
import chatroom.common.protocol.PartRequest;
import chatroom.common.protocol.PingRequest;
import chatroom.common.protocol.Pong;
import chatroom.common.protocol.RoomInfo;
import chatroom.common.protocol.RoomList;
import chatroom.common.protocol.RoomState;
import chatroom.common.protocol.RoomsRequest;
import chatroom.common.protocol.SayRequest;
import chatroom.common.protocol.ServerMessage;
import chatroom.common.protocol.TopicEvent;
import chatroom.common.protocol.TopicRequest;
import chatroom.common.protocol.UserInfo;
import chatroom.common.protocol.Welcome;
import chatroom.common.testing.TestClient;
import chatroom.server.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Topics (set, seen, cleared) and the room list: join, part and the member counts. */
class TopicAndRoomsTest {
    @TempDir
    Path data;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(data);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    // ---------------------------------------------------------------- topics

    @Test
    void aTopicSetByAModeratorReachesTheMembersAndShowsInJoinedRoomsAndWelcome() throws Exception {
        TestClient alice = server.register("alice");
        TestClient bob = server.register("bob");
        TestClient mia = server.loginAs("mia", Role.MODERATOR);
        alice.request(id -> new JoinRequest(id, "dev"), Joined.class);

        mia.request(id -> new TopicRequest(id, "dev", "Release planning"), Ok.class);

        assertEquals(new TopicEvent("dev", "Release planning", "mia"), alice.await(TopicEvent.class));
        assertTrue(settle(bob).stream().noneMatch(m -> m instanceof TopicEvent), "bob is not in dev");
        assertTrue(settle(mia).stream().noneMatch(m -> m instanceof TopicEvent), "nor is mia, who set it");
        assertEquals("Release planning", bob.request(id -> new JoinRequest(id, "dev"), Joined.class).topic());
        assertEquals(new RoomInfo("dev", "Release planning", 2), room(mia, "dev"));
        Welcome welcome = server.connect().request(id -> new LoginRequest(id, "alice", TestServer.passwordOf("alice")),
                Welcome.class);
        assertTrue(welcome.rooms().contains(new RoomState("dev", "Release planning", 0)), welcome.rooms().toString());
    }

    @Test
    void aModeratorWhoIsAMemberGetsTheTopicEventToo() throws Exception {
        TestClient mia = server.loginAs("mia", Role.MODERATOR);

        mia.request(id -> new TopicRequest(id, "lobby", "Be kind"), Ok.class);

        assertEquals(new TopicEvent("lobby", "Be kind", "mia"), mia.await(TopicEvent.class));
    }

    @Test
    void anEmptyTopicClearsIt() throws Exception {
        TestClient alice = server.register("alice");
        TestClient mia = server.loginAs("mia", Role.MODERATOR);
        alice.request(id -> new JoinRequest(id, "dev"), Joined.class);
        mia.request(id -> new TopicRequest(id, "dev", "Old news"), Ok.class);
        alice.await(TopicEvent.class);

        mia.request(id -> new TopicRequest(id, "dev", ""), Ok.class);

        assertEquals(new TopicEvent("dev", "", "mia"), alice.await(TopicEvent.class));
        // A room without a topic has no topic field (protocol.md 1.7); only the topic event says "".
        assertNull(room(mia, "dev").topic());
        assertNull(alice.request(id -> new JoinRequest(id, "dev"), Joined.class).topic());
        Welcome welcome = server.connect().request(id -> new LoginRequest(id, "alice", TestServer.passwordOf("alice")),
                Welcome.class);
        assertTrue(welcome.rooms().contains(new RoomState("dev", null, 0)), welcome.rooms().toString());
    }

    @Test
    void aTopicForAnUnknownRoomOrLongerThan500CharactersIsRefused() throws Exception {
        TestClient mia = server.loginAs("mia", Role.MODERATOR);

        assertEquals(ErrorCode.NO_SUCH_ROOM, mia.requestError(id -> new TopicRequest(id, "nowhere", "hi")).code());
        mia.sendLine("{\"type\":\"topic\",\"id\":\"long\",\"room\":\"lobby\",\"topic\":\"" + "x".repeat(501) + "\"}");
        assertEquals(ErrorCode.BAD_REQUEST, ((ErrorReply) mia.awaitReply("long")).code());
        mia.request(id -> new TopicRequest(id, "lobby", "y".repeat(500)), Ok.class);

        assertEquals("y".repeat(500), room(mia, "lobby").topic());
        assertEquals(List.of("lobby"), mia.request(RoomsRequest::new, RoomList.class).rooms().stream().map(RoomInfo::room).toList(),
                "no room was created by the topic request");
    }

    // ---------------------------------------------------------------- rooms, join and part

    @Test
    void roomsListsEveryRoomByNameWithItsMemberCountAndPartLowersIt() throws Exception {
        TestClient alice = server.register("alice");
        TestClient bob = server.register("bob");
        alice.request(id -> new JoinRequest(id, "dev"), Joined.class);
        alice.request(id -> new JoinRequest(id, "art"), Joined.class);
        bob.request(id -> new JoinRequest(id, "dev"), Joined.class);

        assertEquals(List.of(new RoomInfo("art", null, 1), new RoomInfo("dev", null, 2), new RoomInfo("lobby", null, 2)),
                bob.request(RoomsRequest::new, RoomList.class).rooms());

        alice.request(id -> new PartRequest(id, "dev"), Ok.class);

        assertEquals(new MemberEvent("dev", "alice", MemberChange.LEAVE),
                bob.await(MemberEvent.class, m -> m.room().equals("dev") && m.event() == MemberChange.LEAVE));
        assertEquals(List.of(new RoomInfo("art", null, 1), new RoomInfo("dev", null, 1), new RoomInfo("lobby", null, 2)),
                bob.request(RoomsRequest::new, RoomList.class).rooms());
        alice.send(new SayRequest("after-part", "dev", "hi"));
        assertEquals(ErrorCode.NOT_MEMBER, ((ErrorReply) alice.awaitReply("after-part")).code());
    }

    @Test
    void partingARoomYouAreNotInOrThatDoesNotExistIsRefused() throws Exception {
        TestClient alice = server.register("alice");
        TestClient bob = server.register("bob");
        bob.request(id -> new JoinRequest(id, "private"), Joined.class);

        ErrorReply notMember = alice.requestError(id -> new PartRequest(id, "private"));
        ErrorReply noRoom = alice.requestError(id -> new PartRequest(id, "nowhere"));

        assertEquals(ErrorCode.NOT_MEMBER, notMember.code(), notMember.toString());
        assertEquals(ErrorCode.NO_SUCH_ROOM, noRoom.code(), noRoom.toString());
        assertEquals(new RoomInfo("private", null, 1), room(bob, "private"));
        alice.request(id -> new PartRequest(id, "lobby"), Ok.class);
        assertEquals(ErrorCode.NOT_MEMBER, alice.requestError(id -> new PartRequest(id, "lobby")).code(),
                "parting twice: the second time you are not a member");
    }

    @ParameterizedTest(name = "joining \"{0}\" gets invalid_name")
    @ValueSource(strings = {"", "two words", "a/b", "semi;colon", "emoji\u2728", "x123456789012345678901234567890123"})
    void joiningARoomWithAnInvalidNameGetsInvalidName(String name) throws Exception {
        TestClient alice = server.register("alice");

        alice.sendLine("{\"type\":\"join\",\"id\":\"bad\",\"room\":\"" + name + "\"}");
        ServerMessage reply = alice.awaitReply("bad");

        assertTrue(reply instanceof ErrorReply e && e.code() == ErrorCode.INVALID_NAME, String.valueOf(reply));
        assertEquals(List.of("lobby"), alice.request(RoomsRequest::new, RoomList.class).rooms().stream().map(RoomInfo::room).toList());
        alice.request(PingRequest::new, Pong.class);
    }

    @Test
    void joiningARoomYouAreAlreadyInRepliesJoinedAgainWithoutANewMemberEvent() throws Exception {
        TestClient alice = server.register("alice");
        TestClient bob = server.register("bob");
        bob.request(id -> new JoinRequest(id, "dev"), Joined.class);
        Joined first = alice.request(id -> new JoinRequest(id, "dev"), Joined.class);
        bob.await(MemberEvent.class, m -> m.equals(new MemberEvent("dev", "alice", MemberChange.JOIN)));

        Joined again = alice.request(id -> new JoinRequest(id, "dev"), Joined.class);
        Joined otherCase = alice.request(id -> new JoinRequest(id, "DEV"), Joined.class);

        assertEquals(first.members(), again.members());
        assertEquals(List.of("alice", "bob"), again.members().stream().map(UserInfo::user).toList());
        assertEquals("dev", otherCase.room(), "room names are case-insensitive; the first spelling stays");
        assertEquals(first.members(), otherCase.members());
        // A message sent after the joins arrives after any event they caused: a barrier for bob.
        alice.send(new SayRequest("barrier", "dev", "hi"));
        alice.await(Ack.class, a -> a.re().equals("barrier"));
        bob.await(ChatMessage.class, m -> m.id().equals("barrier"));
        assertTrue(bob.pending().stream().noneMatch(m -> m instanceof MemberEvent e && e.room().equals("dev")),
                "no second member event: " + bob.pending());
        assertEquals(2, room(bob, "dev").members());
    }

    @Test
    void joiningOnOneSessionTellsTheUsersOtherSessionsWithAnUnpromptedJoined() throws Exception {
        TestClient phone = server.register("alice");
        TestClient laptop = server.login("alice");

        Joined reply = phone.request(id -> new JoinRequest(id, "dev"), Joined.class);

        Joined pushed = laptop.await(Joined.class);
        assertNull(pushed.re(), "not a reply to anything the laptop sent");
        assertEquals("dev", pushed.room());
        assertEquals(reply.members(), pushed.members());
        phone.send(new SayRequest("from-phone", "dev", "hi"));
        assertEquals("from-phone", laptop.await(ChatMessage.class).id(), "the laptop now gets dev's messages");
    }

    @Test
    void partingOnOneSessionTellsTheUsersOtherSessionsAndStopsDeliveryToThem() throws Exception {
        TestClient phone = server.register("alice");
        TestClient laptop = server.login("alice");
        TestClient bob = server.register("bob");
        phone.request(id -> new JoinRequest(id, "dev"), Joined.class);
        laptop.await(Joined.class);
        bob.request(id -> new JoinRequest(id, "dev"), Joined.class);

        phone.request(id -> new PartRequest(id, "dev"), Ok.class);

        assertEquals(new MemberEvent("dev", "alice", MemberChange.LEAVE),
                laptop.await(MemberEvent.class, m -> m.room().equals("dev") && m.event() == MemberChange.LEAVE));
        bob.send(new SayRequest("after-alice-left", "dev", "still there?"));
        bob.await(Ack.class, a -> a.re().equals("after-alice-left"));
        assertTrue(settle(laptop).stream().noneMatch(m -> m instanceof ChatMessage), "the laptop left dev too");
        assertTrue(settle(phone).stream().noneMatch(m -> m instanceof ChatMessage));
    }

    @Test
    void theSessionThatPartsGetsOnlyOkAndNoMemberEventAboutItself() throws Exception {
        TestClient phone = server.register("alice");
        TestClient laptop = server.login("alice");
        phone.request(id -> new JoinRequest(id, "dev"), Joined.class);
        laptop.await(Joined.class);

        phone.request(id -> new PartRequest(id, "dev"), Ok.class);

        laptop.await(MemberEvent.class, m -> m.equals(new MemberEvent("dev", "alice", MemberChange.LEAVE)));
        List<ServerMessage> atPhone = settle(phone);
        assertTrue(atPhone.stream().noneMatch(m -> m instanceof MemberEvent e && e.room().equals("dev")), atPhone.toString());
    }

    @Test
    void partingTheLobbyIsAllowedButItReturnsAtTheNextLogin() throws Exception {
        TestClient alice = server.register("alice");

        alice.request(id -> new PartRequest(id, "lobby"), Ok.class);

        assertEquals(0, room(alice, "lobby").members());
        Welcome welcome = server.connect().request(id -> new LoginRequest(id, "alice", TestServer.passwordOf("alice")),
                Welcome.class);
        assertEquals(List.of(new RoomState("lobby", null, 0)), welcome.rooms());
        assertEquals(1, room(alice, "lobby").members());
    }

    // ---------------------------------------------------------------- helpers

    /** Waits until every frame the server sent before now has arrived, and returns the unconsumed ones. */
    private static List<ServerMessage> settle(TestClient client) throws Exception {
        client.request(PingRequest::new, Pong.class);
        return client.pending();
    }

    private static RoomInfo room(TestClient asker, String name) throws Exception {
        return asker.request(RoomsRequest::new, RoomList.class).rooms().stream()
                .filter(r -> r.room().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no room " + name));
    }
}
