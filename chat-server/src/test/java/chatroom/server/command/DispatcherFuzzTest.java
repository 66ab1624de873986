package chatroom.server.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.protocol.*;
import chatroom.common.testing.Replies;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzed sequences of frames, well-formed requests and raw bytes mixed, from a logged-in admin
 * into the real server: socket, frame reader, codec, dispatcher and handlers. After each input
 * the connection must still be open and have answered every request with its reply or an
 * {@code error} of a code that fits a logged-in session; the server must have logged no error
 * (where an unexpected exception in a request ends up); and another session must still answer.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays {@code DispatcherFuzzTestInputs/} in the test
 * resources; {@code ./mvnw -Pfuzz} fuzzes it (docs/fuzzing.md).
 */
class DispatcherFuzzTest {
    /** Codes that say the server failed, or that cannot concern a logged-in session that reads its frames. */
    private static final Set<ErrorCode> NEVER = Set.of(ErrorCode.NOT_AUTHENTICATED, ErrorCode.AUTH_TIMEOUT,
            ErrorCode.BAD_CREDENTIALS, ErrorCode.BANNED, ErrorCode.FRAME_TOO_LARGE, ErrorCode.SLOW_CONSUMER,
            ErrorCode.SERVER_SHUTDOWN);
    /** At most nine frames, so the ping that ends each input keeps the bad-frame count below the disconnect. */
    private static final int MAX_FRAMES = 9;

    @TempDir
    static Path data;
    private static FuzzedServer server;
    private static ErrorLog errors;
    private static final AtomicLong inputs = new AtomicLong();

    @BeforeAll
    static void start() throws Exception {
        errors = new ErrorLog();
        errors.attach();
        server = FuzzedServer.start(data);
        warmUp();
    }

    /**
     * Loads (and in the default build instruments) the classes of the request paths before the
     * clock runs, so that the first input does not pay for it.
     */
    private static void warmUp() throws Exception {
        RequestFrames.lines(new byte[0], 1);
        StringBuilder wire = new StringBuilder();
        for (String type : List.of("join", "say", "history", "typing", "users", "rooms", "bans", "status", "ping")) {
            wire.append("{\"type\":\"").append(type).append("\",\"id\":\"warm-").append(type)
                    .append("\",\"room\":\"lobby\",\"text\":\"warm\",\"status\":\"online\"}\n");
        }
        check(sendWire(wire.toString().getBytes(StandardCharsets.UTF_8)), inputs.incrementAndGet());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (server != null) server.close();
        } finally {
            errors.detach();
        }
    }

    /**
     * A frame as sent: the id to look for in replies (the one the harness gave it, else the one
     * the request carries), whether that id is unique in the input, and what the server decodes
     * from the frame (or null).
     */
    private record Sent(String id, boolean unique, ClientMessage decoded) {
    }

    /**
     * An input that starts with an opening brace is the wire itself, JSON Lines as a client sends them:
     * the form of the hand-written inputs. Any other input is fuzzer data that {@link RequestFrames}
     * turns into frames.
     */
    @FuzzTest
    // The bound per input. Here it runs the input on another thread, so that even a hang fails;
    // when fuzzing, Jazzer hands it to libFuzzer as -timeout=1.
    @Timeout(value = 1, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyRequestIsAnsweredAndNothingBreaks(FuzzedDataProvider fuzz) throws Exception {
        long n = inputs.incrementAndGet();
        byte[] first = fuzz.consumeBytes(1);
        boolean wire = first.length == 1 && first[0] == '{';
        List<Sent> sent = wire ? sendWire(concat(first, fuzz.consumeRemainingAsBytes())) : sendFuzzed(fuzz, n);
        check(sent, n);
    }

    /** Ends the input with a ping and checks what came back, the server's log and the peer. */
    private static void check(List<Sent> sent, long n) throws Exception {
        String end = "end" + n;
        server.fuzzer().send(new PingRequest(end));
        WireClient.Received received = server.fuzzer().until(m -> m instanceof Pong p && end.equals(p.re()),
                FuzzedServer.WAIT);
        try {
            received.orThrow("the pong to the ping after the fuzzed frames " + sent);
            checkFrames(received.frames());
            for (Sent s : sent) checkReplies(s, received.frames());
            server.checkPeer("peer" + n);
            assertEquals(List.of(), errors.drain(), "errors the server logged");
        } finally {
            // Also after a failure, so that the inputs replayed after it start from the same roles.
            server.restore(sent.stream().map(Sent::decoded).filter(m -> m != null).toList());
        }
    }

    private static List<Sent> sendFuzzed(FuzzedDataProvider fuzz, long n) throws IOException {
        RequestFrames frames = new RequestFrames(fuzz);
        List<Sent> sent = new ArrayList<>();
        int count = fuzz.consumeInt(1, MAX_FRAMES);
        for (int i = 0; i < count; i++) {
            String id = "r" + n + "." + i;
            byte[] frame = frames.next(id);
            ClientMessage decoded = server.decode(frame);
            if (!server.admits(frame, decoded)) continue;
            server.fuzzer().send(frame);
            sent.add(new Sent(id, true, decoded));
        }
        return sent;
    }

    private static List<Sent> sendWire(byte[] wire) throws IOException {
        List<Sent> sent = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (byte[] frame : RequestFrames.lines(wire, MAX_FRAMES)) {
            ClientMessage decoded = server.decode(frame);
            if (!server.admits(frame, decoded)) continue;
            server.fuzzer().send(frame);
            String id = decoded == null ? null : decoded.id();
            String anyId = decoded == null ? idIn(frame) : id;
            if (anyId != null) ids.merge(anyId, 1, Integer::sum);
            sent.add(new Sent(id, false, decoded));
        }
        // Inputs may reuse an id, in frames the server refuses too; the exact count holds only
        // for ids used once.
        return sent.stream().map(s -> s.id() == null ? s : new Sent(s.id(), ids.get(s.id()) == 1, s.decoded())).toList();
    }

    /** The id a refused frame may still have carried into its error reply, read leniently. */
    private static String idIn(byte[] frame) {
        try {
            JsonElement e = JsonParser.parseString(new String(frame, StandardCharsets.UTF_8));
            return e instanceof JsonObject o && o.get("id") instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static void checkFrames(List<Object> frames) {
        for (Object f : frames) {
            assertFalse(f instanceof WireClient.Undecodable, () -> "the server sent an undecodable frame: " + f);
            if (f instanceof ErrorReply e) {
                assertNotNull(e.code(), () -> "an error without a code the protocol declares: " + e);
                assertFalse(NEVER.contains(e.code()), () -> "an error a logged-in session must not get: " + e);
                assertFalse(e.message() == null || e.message().isBlank(), () -> "an error without a message: " + e);
            }
        }
    }

    /**
     * A request the server decodes gets one reply carrying its id, its own kind or an error (pong
     * and a successful typing get none); a refused frame gets at most one, an error.
     */
    private static void checkReplies(Sent s, List<Object> frames) {
        if (s.id() == null) return;
        List<ServerMessage> replies = frames.stream()
                .filter(f -> f instanceof ServerMessage m && s.id().equals(Replies.re(m)))
                .map(ServerMessage.class::cast).toList();
        ClientMessage request = s.decoded();
        boolean carriesId = request != null && s.id().equals(request.id());
        if (!carriesId || request instanceof PongRequest || request instanceof TypingRequest) {
            if (!s.unique()) return;
            replies.forEach(r -> assertTrue(r instanceof ErrorReply, () -> "a reply other than an error to " + s + ": " + r));
            assertTrue(replies.size() <= (request instanceof PongRequest ? 0 : 1), () -> "replies to " + s + ": " + replies);
            return;
        }
        if (!s.unique()) {
            assertFalse(replies.isEmpty(), () -> "no reply to " + request);
            return; // the replies to the id's other frames are among them
        }
        assertEquals(1, replies.size(), () -> "replies to " + request + ": " + replies);
        ServerMessage reply = replies.getFirst();
        assertTrue(reply instanceof ErrorReply || successReply(request).isInstance(reply),
                () -> "the reply to " + request + " is " + reply);
    }

    /** Exhaustive, so a new request type does not compile until the fuzz test knows its reply. */
    private static Class<? extends ServerMessage> successReply(ClientMessage request) {
        return switch (request) {
            case RegisterRequest r -> Welcome.class;
            case LoginRequest r -> Welcome.class;
            case JoinRequest r -> Joined.class;
            case HistoryRequest r -> HistoryPage.class;
            case SayRequest r -> Ack.class;
            case DmRequest r -> Ack.class;
            case UsersRequest r -> UserList.class;
            case RoomsRequest r -> RoomList.class;
            case BansRequest r -> BanList.class;
            case PingRequest r -> Pong.class;
            case PartRequest r -> Ok.class;
            case StatusRequest r -> Ok.class;
            case TopicRequest r -> Ok.class;
            case KickRequest r -> Ok.class;
            case BanRequest r -> Ok.class;
            case UnbanRequest r -> Ok.class;
            case RoleRequest r -> Ok.class;
            case PasswordRequest r -> Ok.class;
            case TypingRequest r -> ErrorReply.class;
            case PongRequest r -> ErrorReply.class;
            case QuitRequest r -> Bye.class;
        };
    }
}
