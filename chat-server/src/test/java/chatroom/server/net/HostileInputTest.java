package chatroom.server.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import chatroom.common.protocol.Ack;
import chatroom.common.protocol.ChatMessage;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ErrorReply;
import chatroom.common.protocol.PingRequest;
import chatroom.common.protocol.Pong;
import chatroom.common.protocol.SayRequest;
import chatroom.common.protocol.UserList;
import chatroom.common.protocol.UsersRequest;
import chatroom.common.testing.TestClient;
import chatroom.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Whatever a client sends, it gets an {@code error} it can act on, and nobody else notices: no
 * stack trace in the log, no other session disturbed. One server for the whole table, as in life:
 * the hostile frames all hit the same process.
 */
class HostileInputTest {
    @TempDir
    static Path data;
    static TestServer server;
    static TestClient mallory;
    static TestClient bob;
    static final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        // bob checks the room after every frame: more messages than the default rate allows.
        server = TestServer.start(data, c -> c.withLimits(c.maxFrameBytes(), c.outboxMaxBytes(), 1_000, 1_000));
        mallory = server.register("mallory");
        bob = server.register("bob");
        server.register("alice").close();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
    }

    @AfterAll
    static void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        server.close();
    }

    /** A hostile frame, sent after login, and the error it must get. */
    record Hostile(String name, byte[] frame, ErrorCode expected) {
        static Hostile of(String name, String frame, ErrorCode expected) {
            return new Hostile(name, frame.getBytes(StandardCharsets.UTF_8), expected);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> frames() {
        ErrorCode bad = ErrorCode.BAD_REQUEST;
        ErrorCode name = ErrorCode.INVALID_NAME;
        return Stream.of(
                new Hostile("invalid UTF-8 in a text", concat("{\"type\":\"say\",\"id\":\"u1\",\"room\":\"lobby\",\"text\":\"",
                        new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC0, (byte) 0x80}, "\"}"), bad),
                new Hostile("an overlong UTF-8 NUL", concat("{\"type\":\"say\",\"id\":\"u2\",\"room\":\"lobby\",\"text\":\"",
                        new byte[] {(byte) 0xC0, (byte) 0x80}, "\"}"), bad),
                Hostile.of("truncated JSON", "{\"type\":\"say\",\"id\":\"t1\",\"room\":\"lob", bad),
                Hostile.of("a bare string", "\"say\"", bad),
                Hostile.of("null", "null", bad),
                Hostile.of("an array of frames", "[{\"type\":\"ping\"}]", bad),
                Hostile.of("two objects on one line", "{\"type\":\"ping\"}{\"type\":\"ping\"}", bad),
                Hostile.of("nesting 65 deep", "{\"type\":\"ping\",\"x\":" + "[".repeat(64) + "]".repeat(64) + "}", bad),
                Hostile.of("nesting 20,000 deep", "{\"type\":\"ping\",\"x\":" + "[".repeat(20_000) + "}", bad),
                Hostile.of("a number past double", "{\"type\":\"history\",\"id\":\"n1\",\"room\":\"lobby\",\"after_seq\":1e999999}", bad),
                Hostile.of("a number past long", "{\"type\":\"history\",\"id\":\"n2\",\"room\":\"lobby\",\"after_seq\":99999999999999999999999}", bad),
                Hostile.of("a fraction for a seq", "{\"type\":\"history\",\"id\":\"n3\",\"room\":\"lobby\",\"after_seq\":1.5}", bad),
                Hostile.of("a huge limit", "{\"type\":\"history\",\"id\":\"n4\",\"room\":\"lobby\",\"limit\":2147483648}", bad),
                Hostile.of("a negative seq", "{\"type\":\"history\",\"id\":\"n5\",\"room\":\"lobby\",\"after_seq\":-1}", bad),
                Hostile.of("a number for a room", "{\"type\":\"say\",\"id\":\"w1\",\"room\":42,\"text\":\"hi\"}", bad),
                Hostile.of("an object for a text", "{\"type\":\"say\",\"id\":\"w2\",\"room\":\"lobby\",\"text\":{\"a\":1}}", bad),
                Hostile.of("an array for an id", "{\"type\":\"say\",\"id\":[1],\"room\":\"lobby\",\"text\":\"hi\"}", bad),
                Hostile.of("a number for the type", "{\"type\":5}", bad),
                Hostile.of("a boolean for a status", "{\"type\":\"status\",\"id\":\"w3\",\"status\":true}", bad),
                Hostile.of("a lone surrogate in a text", "{\"type\":\"say\",\"id\":\"s1\",\"room\":\"lobby\",\"text\":\"\\ud800\"}", bad),
                Hostile.of("a NUL in a room name", "{\"type\":\"join\",\"id\":\"c1\",\"room\":\"lob\\u0000by\"}", name),
                Hostile.of("a carriage return in a room name", "{\"type\":\"join\",\"id\":\"c2\",\"room\":\"lobby\\r\"}", name),
                Hostile.of("a right-to-left override in a room name", "{\"type\":\"join\",\"id\":\"c3\",\"room\":\"gro\\u202Eup\"}", name),
                Hostile.of("a zero-width space in a room name", "{\"type\":\"join\",\"id\":\"c4\",\"room\":\"lob\\u200Bby\"}", name),
                Hostile.of("a byte order mark in a room name", "{\"type\":\"join\",\"id\":\"c5\",\"room\":\"\\uFEFFlobby\"}", name),
                Hostile.of("a Cyrillic letter in a Latin room name", "{\"type\":\"join\",\"id\":\"c6\",\"room\":\"l\\u043Ebby\"}", name),
                Hostile.of("an unknown type 10 KB long", "{\"type\":\"" + "x".repeat(10_000) + "\"}", ErrorCode.UNKNOWN_TYPE),
                Hostile.of("a text over the limit", "{\"type\":\"say\",\"id\":\"l1\",\"room\":\"lobby\",\"text\":\""
                        + "x".repeat(16_001) + "\"}", bad));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void aHostileFrameGetsADeclaredErrorAndTheSenderStaysConnected(Hostile hostile) throws Exception {
        mallory.sendRaw(concat("", hostile.frame(), "\n"));
        ErrorReply error = mallory.await(ErrorReply.class);
        assertEquals(hostile.expected(), error.code(), error.toString());
        assertTrue(error.message().endsWith(".") || error.message().endsWith("…"), "a sentence: " + error.message());
        assertFalse(error.message().contains("Exception"), "no exception names: " + error.message());
        mallory.request(PingRequest::new, Pong.class);
        othersAreUndisturbed();
    }

    /** A name must not pass for another's: nor by width or case, nor by a look-alike letter. */
    @ParameterizedTest(name = "registering {0}")
    @MethodSource("impostors")
    void aNameThatCouldPassForAnExistingOneIsRefused(String impostor, ErrorCode expected) throws Exception {
        TestClient guest = server.connect();
        guest.sendLine("{\"type\":\"register\",\"id\":\"r\",\"user\":\"" + impostor + "\",\"password\":\"long enough password\"}");
        ErrorReply error = guest.await(ErrorReply.class);
        assertEquals(expected, error.code(), error.toString());
        guest.request(PingRequest::new, Pong.class);
        guest.close();
        othersAreUndisturbed();
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> impostors() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("ALICE", ErrorCode.USER_EXISTS),
                org.junit.jupiter.params.provider.Arguments.of("\\uFF41\\uFF4C\\uFF49\\uFF43\\uFF45", ErrorCode.USER_EXISTS),
                org.junit.jupiter.params.provider.Arguments.of("\\u0430lice", ErrorCode.INVALID_NAME),
                org.junit.jupiter.params.provider.Arguments.of("alic\\u0435", ErrorCode.INVALID_NAME),
                org.junit.jupiter.params.provider.Arguments.of("ali\\u200Bce", ErrorCode.INVALID_NAME),
                org.junit.jupiter.params.provider.Arguments.of("ali\\u202Ece", ErrorCode.INVALID_NAME),
                org.junit.jupiter.params.provider.Arguments.of("alice\\u0000", ErrorCode.INVALID_NAME),
                org.junit.jupiter.params.provider.Arguments.of("alice\\r", ErrorCode.INVALID_NAME));
    }

    @Test
    void nothingHostileLeftAnErrorOrAStackTraceInTheLog() throws Exception {
        mallory.sendRaw(concat("", "{\"type\":\"say\",\"id\":\"e\",\"room\":\"lobby\",\"text\":\"".getBytes(StandardCharsets.UTF_8),
                "\\ud800\"}\n"));
        mallory.await(ErrorReply.class);
        mallory.request(PingRequest::new, Pong.class);
        assertTrue(log.list.stream().noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null),
                () -> "logged: " + log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).toList());
    }

    private static void othersAreUndisturbed() throws Exception {
        Ack ack = bob.request(id -> new SayRequest(id, "lobby", "still here"), Ack.class);
        mallory.await(ChatMessage.class, m -> m.seq() == ack.seq());
        bob.await(ChatMessage.class, m -> m.seq() == ack.seq());
        bob.request(UsersRequest::new, UserList.class);
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        return concat(head.getBytes(StandardCharsets.UTF_8), middle, tail);
    }

    private static byte[] concat(byte[] head, byte[] middle, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head);
        out.writeBytes(middle);
        out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
