package chatroom.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ErrorReply;
import chatroom.common.protocol.Hello;
import chatroom.common.protocol.LoginRequest;
import chatroom.common.protocol.Welcome;
import chatroom.common.testing.TestClient;
import chatroom.common.testing.TrustAnyTls;
import chatroom.common.testing.MutableClock;
import chatroom.server.testing.TestServer;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password guessing is throttled per (address, account) before any hash is computed, and a
 * refusal costs the same work whether the account exists or not. Work is counted in PBKDF2
 * derivations, not timed, so the test does not depend on the machine's speed.
 */
class BruteForceTest {
    @TempDir
    Path data;
    TestServer server;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(data, c -> c, clock);
        server.register("alice").close();
        server.register("bob").close();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aWrongPasswordCostsOneDerivationForAKnownAndForAnUnknownUser() throws Exception {
        TestClient c = server.connect();
        long before = server.passwordDerivations();
        assertEquals(ErrorCode.BAD_CREDENTIALS, c.requestError(id -> new LoginRequest(id, "alice", "a wrong guess")).code());
        long known = server.passwordDerivations() - before;
        before = server.passwordDerivations();
        assertEquals(ErrorCode.BAD_CREDENTIALS, c.requestError(id -> new LoginRequest(id, "nobody", "a wrong guess")).code());
        long unknown = server.passwordDerivations() - before;
        assertEquals(1, known);
        assertEquals(known, unknown, "an unknown user must cost what a known one costs, or timing tells them apart");
    }

    @Test
    void onceThrottledAnAttemptComputesNoHashAndSaysWhenToRetry() throws Exception {
        TestClient c = server.connect();
        guessWrongUntilThrottled(c, "alice");
        long before = server.passwordDerivations();
        ErrorReply limited = c.requestError(id -> new LoginRequest(id, "alice", TestServer.passwordOf("alice")));
        assertEquals(ErrorCode.RATE_LIMITED, limited.code(), "even the right password waits");
        assertEquals(before, server.passwordDerivations(), "refused before hashing");
        assertEquals(1_000L, limited.retryAfterMs());
        assertTrue(limited.message().contains("wait 1 seconds"), limited.message());

        // The same for an account that does not exist: the throttle does not reveal which exist.
        guessWrongUntilThrottled(c, "nobody");
        before = server.passwordDerivations();
        assertEquals(ErrorCode.RATE_LIMITED, c.requestError(id -> new LoginRequest(id, "nobody", "x-guess-x")).code());
        assertEquals(before, server.passwordDerivations());

        clock.advance(Duration.ofSeconds(1));
        c.request(id -> new LoginRequest(id, "alice", TestServer.passwordOf("alice")), Welcome.class);
    }

    @Test
    void theDelayDoublesWithEachFurtherFailure() throws Exception {
        TestClient c = server.connect();
        guessWrongUntilThrottled(c, "alice");
        for (long expected : new long[] {1_000, 2_000, 4_000, 8_000}) {
            ErrorReply limited = c.requestError(id -> new LoginRequest(id, "alice", "x-guess-x"));
            assertEquals(expected, limited.retryAfterMs());
            clock.advance(Duration.ofMillis(expected));
            assertEquals(ErrorCode.BAD_CREDENTIALS, c.requestError(id -> new LoginRequest(id, "alice", "x-guess-x")).code());
        }
    }

    @Test
    void aThrottledAddressLocksNeitherTheAccountForOtherAddressesNorOtherAccounts() throws Exception {
        TestClient mallory = server.connect(); // from 127.0.0.1
        guessWrongUntilThrottled(mallory, "alice");

        TestClient bobHere = server.connect();
        bobHere.request(id -> new LoginRequest(id, "bob", TestServer.passwordOf("bob")), Welcome.class);

        TestClient aliceElsewhere = new TestClient(
                TrustAnyTls.connectFrom(InetAddress.getByName("127.0.0.2"), "127.0.0.1", server.port()));
        try (aliceElsewhere) {
            aliceElsewhere.await(Hello.class);
            aliceElsewhere.request(id -> new LoginRequest(id, "alice", TestServer.passwordOf("alice")), Welcome.class);
        }
    }

    private static void guessWrongUntilThrottled(TestClient c, String user) throws Exception {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertEquals(ErrorCode.BAD_CREDENTIALS, c.requestError(id -> new LoginRequest(id, user, "x-guess-x")).code());
        }
    }
}
