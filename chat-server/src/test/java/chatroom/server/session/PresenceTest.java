package chatroom.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.model.MemberChange;
import chatroom.common.model.Role;
import chatroom.common.model.Status;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.JoinRequest;
import chatroom.common.protocol.Joined;
import chatroom.common.protocol.MemberEvent;
import chatroom.common.protocol.Ok;
import chatroom.common.protocol.PresenceEvent;
import chatroom.common.protocol.QuitRequest;
import chatroom.common.protocol.Bye;
import chatroom.common.protocol.StatusRequest;
import chatroom.common.protocol.TypingEvent;
import chatroom.common.protocol.TypingRequest;
import chatroom.common.protocol.UserInfo;
import chatroom.common.protocol.UserList;
import chatroom.common.protocol.UsersRequest;
import chatroom.common.testing.TestClient;
import chatroom.server.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PresenceTest {
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

    @Test
    void connectingAndDisconnectingAreAnnouncedAsJoinedAndLeft() throws Exception {
        TestClient alice = server.register("alice");
        TestClient bob = server.register("bob");
        assertEquals(new MemberEvent("lobby", "bob", MemberChange.JOIN), alice.await(MemberEvent.class));
        assertEquals(new PresenceEvent("bob", Status.ONLINE), alice.await(PresenceEvent.class, p -> p.user().equals("bob")));
        bob.request(QuitRequest::new, Bye.class);
        assertEquals(new MemberEvent("lobby", "bob", MemberChange.LEAVE), alice.await(MemberEvent.class));
        assertEquals(new PresenceEvent("bob", Status.OFFLINE), alice.await(PresenceEvent.class, p -> p.user().equals("bob")));
    }

    @Test
    void aStatusChangeReachesEveryoneAndShowsInUsers() throws Exception {
        TestClient alice = server.register("alice");
        TestClient bob = server.register("bob");
        bob.request(id -> new StatusRequest(id, Status.BUSY), Ok.class);
        assertEquals(new PresenceEvent("bob", Status.BUSY), alice.await(PresenceEvent.class, p -> p.status() == Status.BUSY));
        UserList users = alice.request(UsersRequest::new, UserList.class);
        assertEquals(List.of(new UserInfo("alice", Status.ONLINE, Role.USER), new UserInfo("bob", Status.BUSY, Role.USER)),
                users.users());
    }

    @Test
    void usersListsOfflineAccountsToo() throws Exception {
        server.register("carol").close();
        TestClient alice = server.register("alice");
        alice.await(PresenceEvent.class, p -> p.user().equals("alice"));
        UserList users = alice.request(UsersRequest::new, UserList.class);
        assertTrue(users.users().contains(new UserInfo("carol", Status.OFFLINE, Role.USER)), users.toString());
    }

    @Test
    void aUserWithTwoSessionsGoesOfflineOnlyWhenBothEnd() throws Exception {
        server.register("bob").close();
        TestClient alice = server.register("alice");
        TestClient laptop = server.login("bob");
        TestClient phone = server.login("bob");
        alice.await(PresenceEvent.class, p -> p.user().equals("bob") && p.status() == Status.ONLINE);
        laptop.request(QuitRequest::new, Bye.class);
        phone.request(id -> new StatusRequest(id, Status.AWAY), Ok.class);
        // The next presence alice sees for bob is "away", not "offline": the phone is still on.
        assertEquals(Status.AWAY, alice.await(PresenceEvent.class, p -> p.user().equals("bob")).status());
        phone.request(QuitRequest::new, Bye.class);
        assertEquals(Status.OFFLINE, alice.await(PresenceEvent.class, p -> p.user().equals("bob")).status());
    }

    @Test
    void typingReachesTheOtherMembersOrTheDirectPeerButNotTheTypist() throws Exception {
        TestClient alice = server.register("alice");
        TestClient bob = server.register("bob");
        alice.send(new TypingRequest(null, "lobby", null));
        assertEquals(new TypingEvent("alice", "lobby", null), bob.await(TypingEvent.class));
        alice.send(new TypingRequest(null, null, "bob"));
        assertEquals(new TypingEvent("alice", null, "bob"), bob.await(TypingEvent.class));
        alice.request(UsersRequest::new, UserList.class); // a round trip: anything for alice has arrived
        assertTrue(alice.pending().stream().noneMatch(m -> m instanceof TypingEvent), "the typist gets no echo");
        assertEquals(ErrorCode.NO_SUCH_USER, alice.requestError(id -> new TypingRequest(id, null, "nobody")).code());
    }

    @Test
    void joinListsMembersWithStatusAndTellsTheRoom() throws Exception {
        TestClient alice = server.register("alice");
        alice.request(id -> new JoinRequest(id, "dev"), Joined.class);
        server.register("carol").close();
        TestClient bob = server.register("bob");
        Joined joined = bob.request(id -> new JoinRequest(id, "Dev"), Joined.class);
        assertEquals("dev", joined.room());
        assertEquals(List.of(new UserInfo("alice", Status.ONLINE, Role.USER), new UserInfo("bob", Status.ONLINE, Role.USER)),
                joined.members());
        assertEquals(new MemberEvent("dev", "bob", MemberChange.JOIN),
                alice.await(MemberEvent.class, m -> m.room().equals("dev")));
    }
}
