package chatroom.client.settings;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chatroom.client.model.ConversationKey;
import chatroom.client.model.MessageOutbox;
import chatroom.client.model.PendingMessage;
import chatroom.common.protocol.Fields;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The unsent messages on disk: exact round trips, one file per account and server, damage set aside. */
class OutboxStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final OutboxKey BOB = new OutboxKey("chat.example.org", 7447, "bob");

    @TempDir
    Path config;

    private OutboxStore store;
    private LogCapture log;

    @BeforeEach
    void setUp() {
        store = new OutboxStore(config);
        log = LogCapture.of(OutboxStore.class);
    }

    @AfterEach
    void tearDown() {
        log.close();
    }

    private static PendingMessage room(String id, String room, String text, Instant at) {
        return new PendingMessage(id, ConversationKey.room(room), text, at);
    }

    private static PendingMessage dm(String id, String to, String text, Instant at) {
        return new PendingMessage(id, ConversationKey.direct(to), text, at);
    }

    private List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // ---- round trips ----------------------------------------------------------------------------

    @Test
    void whatIsSavedLoadsBackExactlyInTheSameOrder() throws IOException {
        // Neither ids nor times are in order: the order is the order the user sent them in.
        List<PendingMessage> messages = List.of(
                room("c-3", "lobby", "first", T0.plusSeconds(30)),
                dm("a-1", "Alice", "second: \"quotes\", back\\slash, <b>tags</b> & 'apostrophes'", T0),
                room("b-2", "rust", "third\nwith a new line\tand a tab, emoji 🎉, Jürgen, 日本語, \u0001", T0.plusNanos(123_456_789)));
        store.save(BOB, messages);
        assertEquals(messages, store.load(BOB));
        assertTrue(log.warnings().isEmpty(), () -> log.warnings().toString());
    }

    @Test
    void aMissingFileIsAnEmptyOutboxWithoutAWarning() {
        assertEquals(List.of(), store.load(BOB));
        assertTrue(log.warnings().isEmpty(), () -> log.warnings().toString());
        assertFalse(Files.exists(store.directory()), "loading creates nothing");
    }

    @Test
    void anEmptyOutboxHasNoFile() throws IOException {
        store.save(BOB, List.of(room("a", "lobby", "hi", T0)));
        assertTrue(Files.exists(store.file(BOB)));
        store.save(BOB, List.of());
        assertFalse(Files.exists(store.file(BOB)));
        assertEquals(List.of(), store.load(BOB));
        store.save(BOB, List.of()); // nothing to delete is fine too
    }

    @Test
    void theFileIsJsonThatNamesItsServerAndAccount() throws IOException {
        store.save(BOB, List.of(room("id-1", "lobby", "hello <there>", T0), dm("id-2", "alice", "psst", T0)));
        Path file = store.file(BOB);
        assertEquals(store.directory(), file.getParent());
        assertEquals(config.resolve("outbox"), store.directory());
        JsonObject json = JsonParser.parseString(Files.readString(file, UTF_8)).getAsJsonObject();
        assertEquals(1, json.get("format").getAsInt());
        assertEquals("chat.example.org", json.get("host").getAsString());
        assertEquals(7447, json.get("port").getAsInt());
        assertEquals("bob", json.get("user").getAsString());
        JsonObject first = json.getAsJsonArray("messages").get(0).getAsJsonObject();
        assertEquals("lobby", first.get("room").getAsString());
        assertFalse(first.has("to"));
        assertEquals("hello <there>", first.get("text").getAsString());
        assertEquals("2026-11-21T10:00:00Z", first.get("created").getAsString());
        assertEquals("alice", json.getAsJsonArray("messages").get(1).getAsJsonObject().get("to").getAsString());
    }

    // ---- keys ---------------------------------------------------------------------------------------

    @Test
    void eachAccountOnEachServerHasItsOwnMessages() throws IOException {
        List<OutboxKey> keys = List.of(BOB, new OutboxKey("chat.example.org", 7448, "bob"),
                new OutboxKey("other.example.org", 7447, "bob"), new OutboxKey("chat.example.org", 7447, "carol"));
        for (OutboxKey key : keys) store.save(key, List.of(room("id-" + key.port() + key.host() + key.user(), "lobby", key.label(), T0)));
        for (OutboxKey key : keys) assertEquals(List.of(key.label()), store.load(key).stream().map(PendingMessage::text).toList());
        assertEquals(4, filesIn(store.directory()).size());
        assertEquals(List.of(), store.load(new OutboxKey("chat.example.org", 7447, "dave")));
    }

    @Test
    void spellingsOfOneServerAndAccountAreOneKey() throws IOException {
        assertEquals(BOB, new OutboxKey(" Chat.Example.ORG ", 7447, "Bob"));
        assertEquals(new OutboxKey("fe80::1", 7447, "bob"), new OutboxKey("[FE80::1]", 7447, "BOB"));
        assertEquals(new OutboxKey("h", 1, "strasse"), new OutboxKey("h", 1, "STRAßE"));
        assertNotEquals(BOB, new OutboxKey("chat.example.org", 7447, "bob2"));
        store.save(new OutboxKey("CHAT.example.org", 7447, "BOB"), List.of(room("a", "lobby", "hi", T0)));
        assertEquals(1, store.load(BOB).size());
    }

    @Test
    void fileNamesAreSafeOnEveryPlatformAndDistinct() {
        List<OutboxKey> keys = List.of(BOB, new OutboxKey("fe80::1%eth0", 7447, "Jürgen"), new OutboxKey("con", 1, "nul"),
                new OutboxKey("x".repeat(200) + ".example", 65535, "a.b-c_d"), new OutboxKey("fe80::1", 7447, "jürgen"));
        List<String> names = new ArrayList<>();
        for (OutboxKey key : keys) {
            String name = key.fileName();
            assertTrue(name.matches("[a-z0-9_-]{1,40}-\\d{1,5}-[a-z0-9_-]{1,40}-[0-9a-f]{16}\\.json"), name);
            names.add(name);
        }
        assertEquals(names.size(), names.stream().distinct().count(), names.toString());
        assertTrue(BOB.fileName().startsWith("chat_example_org-7447-bob-"), BOB.fileName());
    }

    @Test
    void aKeyNeedsAHostAPortAndAUser() {
        assertThrows(IllegalArgumentException.class, () -> new OutboxKey(" ", 7447, "bob"));
        assertThrows(IllegalArgumentException.class, () -> new OutboxKey("h", 0, "bob"));
        assertThrows(IllegalArgumentException.class, () -> new OutboxKey("h", 7447, " "));
    }

    // ---- writing --------------------------------------------------------------------------------

    @Test
    void savingAgainReplacesTheFileAndLeavesNothingElseBehind() throws IOException {
        store.save(BOB, List.of(room("a", "lobby", "one", T0), room("b", "lobby", "two", T0)));
        store.save(BOB, List.of(room("b", "lobby", "two", T0)));
        assertEquals(List.of("b"), store.load(BOB).stream().map(PendingMessage::id).toList());
        assertEquals(List.of(BOB.fileName()), filesIn(store.directory()));
    }

    @Test
    void aSaveThatCannotReplaceTheFileThrowsAndLeavesNoTemporaryFile() throws IOException {
        // A non-empty folder where the file should be: the final move fails on every platform.
        Files.createDirectories(store.file(BOB).resolve("in-the-way"));
        assertThrows(IOException.class, () -> store.save(BOB, List.of(room("a", "lobby", "one", T0))));
        assertEquals(List.of(BOB.fileName()), filesIn(store.directory()));
        assertTrue(Files.isDirectory(store.file(BOB).resolve("in-the-way")), "what was there is untouched");
    }

    @Test
    void theFoldersAndTheFileAreOwnerOnlyOnPosixFileSystems() throws IOException {
        assumeTrue(config.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path fresh = config.resolve("new-config");
        OutboxStore elsewhere = new OutboxStore(fresh);
        elsewhere.save(BOB, List.of(room("a", "lobby", "private", T0)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(elsewhere.directory())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(elsewhere.file(BOB))));
    }

    @Test
    void theLargestOutboxTheClientKeepsFitsTheReadLimitAndLoads() throws IOException {
        // Control characters are the worst case: JSON escapes each as six bytes.
        String worst = "\u0001".repeat(Fields.MAX_TEXT);
        List<PendingMessage> full = IntStream.range(0, MessageOutbox.CAPACITY)
                .mapToObj(i -> room("id-" + i, "lobby", worst, T0.plusSeconds(i))).toList();
        store.save(BOB, full);
        assertTrue(Files.size(store.file(BOB)) <= OutboxStore.MAX_FILE_BYTES, () -> "size " + store.file(BOB));
        assertEquals(full, store.load(BOB));
    }

    @Test
    void moreMessagesThanTheOutboxHoldsAreNotSaved() {
        List<PendingMessage> tooMany = IntStream.rangeClosed(0, MessageOutbox.CAPACITY)
                .mapToObj(i -> room("id-" + i, "lobby", "m", T0)).toList();
        assertThrows(IllegalArgumentException.class, () -> store.save(BOB, tooMany));
        assertFalse(Files.exists(store.file(BOB)));
    }

    // ---- damage -------------------------------------------------------------------------------------

    private static String file(String messages) {
        return file("chat.example.org", 7447, "bob", messages);
    }

    private static String file(String host, int port, String user, String messages) {
        return "{\"format\": 1, \"host\": \"" + host + "\", \"port\": " + port + ", \"user\": \"" + user
                + "\", \"messages\": [" + messages + "]}";
    }

    private static String message(String id, String target, String text, String created) {
        return "{\"id\": \"" + id + "\", " + target + ", \"text\": \"" + text + "\", \"created\": \"" + created + "\"}";
    }

    private static final String GOOD = message("a", "\"room\": \"lobby\"", "hi", "2026-11-21T10:00:00Z");

    static Stream<Arguments> damagedFiles() {
        return Stream.of(
                Arguments.of("cut short", file(GOOD).substring(0, 60)),
                Arguments.of("empty", ""),
                Arguments.of("JSON null", "null"),
                Arguments.of("not an object", "[1, 2]"),
                Arguments.of("trailing garbage", file(GOOD) + " {}"),
                Arguments.of("a comment (strict JSON has none)", "// unsent\n" + file(GOOD)),
                Arguments.of("a newer format", file(GOOD).replace("\"format\": 1", "\"format\": 2")),
                Arguments.of("no format", file(GOOD).replace("\"format\": 1, ", "")),
                Arguments.of("no message list", "{\"format\": 1, \"host\": \"chat.example.org\", \"port\": 7447, \"user\": \"bob\"}"),
                Arguments.of("another server's", file("evil.example.org", 7447, "bob", GOOD)),
                Arguments.of("another port's", file("chat.example.org", 7448, "bob", GOOD)),
                Arguments.of("another account's", file("chat.example.org", 7447, "carol", GOOD)),
                Arguments.of("no owner", file(GOOD).replace("\"user\": \"bob\", ", "")),
                Arguments.of("a null message", file("null")),
                Arguments.of("a blank text", file(message("a", "\"room\": \"lobby\"", "  ", "2026-11-21T10:00:00Z"))),
                Arguments.of("a text over the limit", file(message("a", "\"room\": \"lobby\"", "x".repeat(Fields.MAX_TEXT + 1), "2026-11-21T10:00:00Z"))),
                Arguments.of("both room and to", file(message("a", "\"room\": \"lobby\", \"to\": \"alice\"", "hi", "2026-11-21T10:00:00Z"))),
                Arguments.of("neither room nor to", file(message("a", "\"x\": 1", "hi", "2026-11-21T10:00:00Z"))),
                Arguments.of("no id", file(GOOD.replace("\"id\": \"a\", ", ""))),
                Arguments.of("a bad time", file(message("a", "\"room\": \"lobby\"", "hi", "yesterday"))),
                Arguments.of("no time", file(GOOD.replace(", \"created\": \"2026-11-21T10:00:00Z\"", ""))),
                Arguments.of("a number where text belongs", file(GOOD.replace("\"hi\"", "{\"nested\": true}"))),
                Arguments.of("a repeated id", file(GOOD + ", " + GOOD)),
                Arguments.of("more messages than the outbox holds", file(String.join(", ", IntStream.rangeClosed(0, MessageOutbox.CAPACITY)
                        .mapToObj(i -> message("id-" + i, "\"room\": \"lobby\"", "m", "2026-11-21T10:00:00Z")).toList()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedFiles")
    void aDamagedFileIsSetAsideWithOneWarningAndTheOutboxStartsEmpty(String what, String content) throws IOException {
        byte[] bytes = content.getBytes(UTF_8);
        Files.createDirectories(store.directory());
        Files.write(store.file(BOB), bytes);

        assertEquals(List.of(), store.load(BOB));

        Path aside = store.directory().resolve(BOB.fileName() + ".damaged");
        assertArrayEquals(bytes, Files.readAllBytes(aside), "the damaged file is kept as it was");
        assertFalse(Files.exists(store.file(BOB)));
        assertEquals(1, log.warnings().size(), () -> log.warnings().toString());
        String warning = log.warnings().getFirst();
        assertTrue(warning.contains(store.file(BOB).toString()) && warning.contains(aside.getFileName().toString()), warning);

        assertEquals(List.of(), store.load(BOB));
        assertEquals(1, log.warnings().size(), "the next start is quiet");
        store.save(BOB, List.of(room("new", "lobby", "after the damage", T0)));
        assertEquals(1, store.load(BOB).size(), "new messages are kept again");
    }

    @Test
    void bytesThatAreNotUtf8AreDamage() throws IOException {
        Files.createDirectories(store.directory());
        byte[] bytes = file(GOOD).replace("hi", "h?").getBytes(UTF_8);
        bytes[file(GOOD).indexOf("hi") + 1] = (byte) 0xC3; // a lead byte without its continuation
        Files.write(store.file(BOB), bytes);
        assertEquals(List.of(), store.load(BOB));
        assertTrue(Files.exists(store.directory().resolve(BOB.fileName() + ".damaged")));
        assertEquals(1, log.warnings().size(), () -> log.warnings().toString());
    }

    @Test
    void aFileLargerThanAnyOutboxIsSetAsideWithoutBeingParsed() throws IOException {
        Files.createDirectories(store.directory());
        Files.write(store.file(BOB), new byte[(int) OutboxStore.MAX_FILE_BYTES + 1]);
        assertEquals(List.of(), store.load(BOB));
        assertEquals(OutboxStore.MAX_FILE_BYTES + 1, Files.size(store.directory().resolve(BOB.fileName() + ".damaged")));
        assertTrue(log.warnings().getFirst().contains("larger than"), log.warnings().toString());
    }

    @Test
    void anEarlierDamagedCopyIsNotOverwritten() throws IOException {
        Files.createDirectories(store.directory());
        Files.writeString(store.file(BOB), "first damage");
        store.load(BOB);
        Files.writeString(store.file(BOB), "second damage");
        store.load(BOB);
        assertEquals("first damage", Files.readString(store.directory().resolve(BOB.fileName() + ".damaged")));
        assertEquals("second damage", Files.readString(store.directory().resolve(BOB.fileName() + ".2.damaged")));
        assertEquals(2, log.warnings().size());
    }

    @Test
    void aFileThatCannotBeReadIsAnEmptyOutboxWithAWarningAndIsLeftAlone() throws IOException {
        Files.createDirectories(store.file(BOB)); // reading a folder as a file fails on every platform
        assertEquals(List.of(), store.load(BOB));
        assertEquals(1, log.warnings().size(), () -> log.warnings().toString());
        assertTrue(Files.isDirectory(store.file(BOB)), "not renamed: it may be readable next time");
    }

    @Test
    void damageInOneAccountsFileLeavesTheOthersAlone() throws IOException {
        OutboxKey carol = new OutboxKey("chat.example.org", 7447, "carol");
        store.save(carol, List.of(room("c", "lobby", "carol's", T0)));
        Files.writeString(store.file(BOB), "{");
        assertEquals(List.of(), store.load(BOB));
        assertEquals(List.of("carol's"), store.load(carol).stream().map(PendingMessage::text).toList());
    }
}
