package chatroom.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.model.Role;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ErrorReply;
import chatroom.common.protocol.LoginRequest;
import chatroom.common.protocol.Ok;
import chatroom.common.protocol.PasswordRequest;
import chatroom.common.protocol.RegisterRequest;
import chatroom.common.protocol.Welcome;
import chatroom.common.testing.TestClient;
import chatroom.server.testing.TestServer;
import chatroom.server.store.AccountStore;
import chatroom.server.store.Database;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsTest {
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
    void registeringLogsInAsAPlainUserInTheDefaultRoom() throws Exception {
        TestClient c = server.connect();
        Welcome w = c.request(id -> new RegisterRequest(id, "Alice", "correct horse"), Welcome.class);
        assertEquals("Alice", w.user());
        assertEquals(Role.USER, w.role());
        assertEquals("lobby", w.rooms().getFirst().room());
    }

    @Test
    void namesAreUniqueIgnoringCaseAndWidth() throws Exception {
        server.register("alice");
        TestClient c = server.connect();
        assertEquals(ErrorCode.USER_EXISTS, c.requestError(id -> new RegisterRequest(id, "ALICE", "another-pw")).code());
        assertEquals(ErrorCode.USER_EXISTS, c.requestError(id -> new RegisterRequest(id, "ａｌｉｃｅ", "another-pw")).code());
    }

    @Test
    void badNamesAndShortPasswordsAreRefusedWithTheRule() throws Exception {
        TestClient c = server.connect();
        // The records refuse these already, so a well-behaved client cannot even build them: send raw JSON.
        c.sendLine("{\"type\":\"register\",\"id\":\"n\",\"user\":\"two words\",\"password\":\"long enough\"}");
        ErrorReply name = (ErrorReply) c.awaitReply("n");
        assertEquals(ErrorCode.INVALID_NAME, name.code());
        assertTrue(name.message().contains("no spaces"), name.message());
        c.sendLine("{\"type\":\"register\",\"id\":\"w\",\"user\":\"carol\",\"password\":\"short\"}");
        ErrorReply weak = (ErrorReply) c.awaitReply("w");
        assertEquals(ErrorCode.WEAK_PASSWORD, weak.code());
        assertTrue(weak.message().contains("8"), weak.message());
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() throws Exception {
        server.register("alice");
        TestClient c = server.connect();
        ErrorReply wrong = c.requestError(id -> new LoginRequest(id, "alice", "not her password"));
        ErrorReply unknown = c.requestError(id -> new LoginRequest(id, "mallory", "whatever"));
        assertEquals(ErrorCode.BAD_CREDENTIALS, wrong.code());
        assertEquals(wrong.code(), unknown.code());
        assertEquals(wrong.message(), unknown.message());
    }

    @Test
    void repeatedFailedLoginsAreThrottledWithARetryTime() throws Exception {
        server.register("alice");
        TestClient c = server.connect();
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertEquals(ErrorCode.BAD_CREDENTIALS, c.requestError(id -> new LoginRequest(id, "alice", "guess-guess")).code());
        }
        ErrorReply limited = c.requestError(id -> new LoginRequest(id, "alice", TestServer.passwordOf("alice")));
        assertEquals(ErrorCode.RATE_LIMITED, limited.code());
        assertNotNull(limited.retryAfterMs());
        assertTrue(limited.retryAfterMs() > 0 && limited.retryAfterMs() <= 1_000, "retry after " + limited.retryAfterMs());
    }

    @Test
    void loggingInTwiceOnOneConnectionIsRefused() throws Exception {
        TestClient c = server.register("alice");
        assertEquals(ErrorCode.BAD_REQUEST,
                c.requestError(id -> new LoginRequest(id, "alice", TestServer.passwordOf("alice"))).code());
    }

    @Test
    void aUserCanChangeTheirPasswordAndTheOldOneStopsWorking() throws Exception {
        TestClient c = server.register("alice");
        String old = TestServer.passwordOf("alice");
        assertEquals(ErrorCode.BAD_CREDENTIALS, c.requestError(id -> new PasswordRequest(id, "wrong-old", "new-password-1")).code());
        c.sendLine("{\"type\":\"password\",\"id\":\"p\",\"old\":\"" + old + "\",\"new\":\"short\"}");
        assertEquals(ErrorCode.WEAK_PASSWORD, ((ErrorReply) c.awaitReply("p")).code());
        c.request(id -> new PasswordRequest(id, old, "new-password-1"), Ok.class);
        TestClient again = server.connect();
        assertEquals(ErrorCode.BAD_CREDENTIALS, again.requestError(id -> new LoginRequest(id, "alice", old)).code());
        again.request(id -> new LoginRequest(id, "alice", "new-password-1"), Welcome.class);
    }

    @Test
    void aHashMadeWithWeakerParametersIsUpgradedOnTheNextSuccessfulLogin() throws Exception {
        String password = TestServer.passwordOf("veteran");
        try (Database db = Database.open(data)) {
            // As a server with an older, lower default would have stored it.
            new AccountStore(db).create("veteran", new PasswordHasher(1).hash(password), Role.USER, Instant.now()).orElseThrow();
        }
        TestClient c = server.connect();
        assertEquals(ErrorCode.BAD_CREDENTIALS, c.requestError(id -> new LoginRequest(id, "veteran", "wrong guess!")).code());
        assertEquals("pbkdf2-sha256$1$", storedHashPrefix("veteran"), "a failed login changes nothing");
        c.request(id -> new LoginRequest(id, "veteran", password), Welcome.class);
        assertEquals("pbkdf2-sha256$" + server.config().passwordIterations() + "$", storedHashPrefix("veteran"));
        server.connect().request(id -> new LoginRequest(id, "veteran", password), Welcome.class);
    }

    private String storedHashPrefix(String user) throws Exception {
        try (Database db = Database.open(data)) {
            String hash = new AccountStore(db).findByName(user).orElseThrow().passwordHash();
            return hash.substring(0, hash.indexOf('$', hash.indexOf('$') + 1) + 1);
        }
    }

    @Test
    void passwordsLongerThanOneKibibyteAreRefusedBeforeAnyHashing() throws Exception {
        server.register("alice");
        String huge = "p".repeat(RegisterRequest.MAX_PASSWORD_BYTES + 1);
        TestClient c = server.connect();
        c.sendLine("{\"type\":\"register\",\"id\":\"r\",\"user\":\"bob\",\"password\":\"" + huge + "\"}");
        ErrorReply register = (ErrorReply) c.awaitReply("r");
        assertEquals(ErrorCode.BAD_REQUEST, register.code());
        assertTrue(register.message().contains("1024 bytes"), register.message());
        c.sendLine("{\"type\":\"login\",\"id\":\"l\",\"user\":\"alice\",\"password\":\"" + huge + "\"}");
        ErrorReply login = (ErrorReply) c.awaitReply("l");
        assertEquals(ErrorCode.BAD_REQUEST, login.code());
        assertTrue(login.message().contains("1024 bytes"), login.message());
        TestClient alice = server.login("alice");
        alice.sendLine("{\"type\":\"password\",\"id\":\"p\",\"old\":\"" + huge + "\",\"new\":\"a-new-password\"}");
        assertEquals(ErrorCode.BAD_REQUEST, ((ErrorReply) alice.awaitReply("p")).code());
        alice.sendLine("{\"type\":\"password\",\"id\":\"q\",\"old\":\"" + TestServer.passwordOf("alice")
                + "\",\"new\":\"" + huge + "\"}");
        assertEquals(ErrorCode.BAD_REQUEST, ((ErrorReply) alice.awaitReply("q")).code());
        // Nothing changed: the old password still works.
        server.login("alice");
    }

    @Test
    void aSecondSessionOfTheSameUserIsAllowed() throws Exception {
        server.register("alice");
        TestClient laptop = server.login("alice");
        TestClient phone = server.login("alice");
        assertNotNull(laptop);
        assertNotNull(phone);
    }
}
