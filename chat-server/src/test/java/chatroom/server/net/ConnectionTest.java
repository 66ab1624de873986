package chatroom.server.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.protocol.Bye;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ErrorReply;
import chatroom.common.protocol.Hello;
import chatroom.common.protocol.JoinRequest;
import chatroom.common.protocol.PingRequest;
import chatroom.common.protocol.Pong;
import chatroom.common.protocol.PongRequest;
import chatroom.common.protocol.QuitRequest;
import chatroom.common.protocol.ServerMessage;
import chatroom.common.protocol.ServerPing;
import chatroom.common.protocol.UsersRequest;
import chatroom.common.protocol.UserList;
import chatroom.common.testing.TestClient;
import chatroom.server.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionTest {
    @TempDir
    Path data;
    TestServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) server.close();
    }

    @Test
    void theServerSpeaksFirstWithHello() throws Exception {
        server = TestServer.start(data);
        try (TestClient c = TestClient.connectTls(server.port())) {
            Hello hello = c.await(Hello.class);
            assertEquals(1, hello.protocol());
            assertTrue(hello.server().startsWith("chatroom-server"));
        }
    }

    @Test
    void requestsBeforeLoginAreRefusedButPingAndQuitWork() throws Exception {
        server = TestServer.start(data);
        TestClient c = server.connect();
        assertEquals(ErrorCode.NOT_AUTHENTICATED, c.requestError(id -> new UsersRequest(id)).code());
        assertEquals(ErrorCode.NOT_AUTHENTICATED, c.requestError(id -> new JoinRequest(id, "lobby")).code());
        c.request(PingRequest::new, Pong.class);
        Bye bye = c.request(QuitRequest::new, Bye.class);
        assertEquals("quit", bye.reason());
        c.awaitClose();
    }

    @Test
    void anUnknownTypeIsAnErrorAndTheConnectionStaysOpen() throws Exception {
        server = TestServer.start(data);
        TestClient c = server.register("alice");
        c.sendLine("{\"type\":\"teleport\",\"id\":\"x1\"}");
        ErrorReply e = c.await(ErrorReply.class);
        assertEquals(ErrorCode.UNKNOWN_TYPE, e.code());
        assertEquals("x1", e.re());
        c.request(id -> new UsersRequest(id), UserList.class);
    }

    @Test
    void malformedJsonAndInvalidUtf8AreBadRequestsAndTheConnectionStaysOpen() throws Exception {
        server = TestServer.start(data);
        TestClient c = server.register("alice");
        c.sendLine("{\"type\":\"say\",");
        assertEquals(ErrorCode.BAD_REQUEST, c.await(ErrorReply.class).code());
        c.sendRaw(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}', '\n'});
        assertEquals(ErrorCode.BAD_REQUEST, c.await(ErrorReply.class).code());
        c.sendLine("{\"type\":\"users\",\"id\":\"u\",\"extra\":{\"ignored\":[1,2,3]}}");
        assertInstanceOf(UserList.class, c.awaitReply("u"));
    }

    @Test
    void aClientThatKeepsSendingGarbageIsDisconnected() throws Exception {
        server = TestServer.start(data);
        TestClient c = server.connect();
        for (int i = 0; i < Connection.MAX_BAD_FRAMES; i++) c.sendLine("not json " + i);
        List<ServerMessage> before = c.awaitClose();
        assertEquals(Connection.MAX_BAD_FRAMES, before.stream().filter(m -> m instanceof ErrorReply).count());
        assertEquals(new Bye(null, "too_many_errors"), before.getLast());
    }

    @Test
    void aFrameOverTheLimitGetsFrameTooLargeAndTheConnectionCloses() throws Exception {
        server = TestServer.start(data);
        TestClient c = server.connect();
        byte[] big = new byte[server.config().maxFrameBytes() + 10];
        Arrays.fill(big, (byte) 'a');
        big[big.length - 1] = '\n';
        c.sendRaw(big);
        List<ServerMessage> before = c.awaitClose();
        ErrorReply e = assertInstanceOf(ErrorReply.class, before.getLast());
        assertEquals(ErrorCode.FRAME_TOO_LARGE, e.code());
    }

    @Test
    void aFrameOfExactlyTheLimitIsAccepted() throws Exception {
        server = TestServer.start(data);
        TestClient c = server.register("alice");
        String prefix = "{\"type\":\"users\",\"id\":\"big\",\"pad\":\"";
        String suffix = "\"}";
        int padding = server.config().maxFrameBytes() - 1 - prefix.length() - suffix.length();
        String frame = prefix + "x".repeat(padding) + suffix;
        assertEquals(server.config().maxFrameBytes(), frame.getBytes(StandardCharsets.UTF_8).length + 1);
        c.sendLine(frame);
        assertInstanceOf(UserList.class, c.awaitReply("big"));
    }

    @Test
    void aConnectionThatNeverLogsInGetsAuthTimeout() throws Exception {
        server = TestServer.start(data, c -> c.withTimeouts(Duration.ofMillis(300), c.pingInterval()));
        TestClient c = server.connect();
        c.send(new PingRequest("keeps-talking")); // talking is not logging in
        List<ServerMessage> before = c.awaitClose();
        ErrorReply e = assertInstanceOf(ErrorReply.class, before.getLast());
        assertEquals(ErrorCode.AUTH_TIMEOUT, e.code());
    }

    @Test
    void anIdleClientIsPingedAndKeptWhenItAnswers() throws Exception {
        server = TestServer.start(data, c -> c.withTimeouts(c.authTimeout(), Duration.ofMillis(200)));
        TestClient c = server.register("alice");
        assertNotNull(c.await(ServerPing.class));
        c.send(new PongRequest(null));
        assertNotNull(c.await(ServerPing.class));
        c.send(new PongRequest(null));
        c.request(id -> new UsersRequest(id), UserList.class);
    }

    @Test
    void aClientThatDoesNotAnswerPingsIsDropped() throws Exception {
        server = TestServer.start(data, c -> c.withTimeouts(c.authTimeout(), Duration.ofMillis(200)));
        TestClient c = server.register("alice");
        List<ServerMessage> before = c.awaitClose();
        assertTrue(before.contains(new ServerPing()));
        assertEquals(new Bye(null, "ping_timeout"), before.getLast());
    }
}
