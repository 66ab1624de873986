package chatroom.client.settings;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chatroom.common.tls.Fingerprint;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loading forgives, saving is atomic, and everything saved comes back unchanged. */
class SettingsStoreTest {
    @TempDir
    Path folder;

    private SettingsStore store;
    private LogCapture log;

    @BeforeEach
    void setUp() {
        store = new SettingsStore(folder);
        log = LogCapture.of(SettingsStore.class);
    }

    @AfterEach
    void tearDown() {
        log.close();
    }

    private ClientSettings loadFile(String content) throws IOException {
        Files.writeString(folder.resolve("client.properties"), content, UTF_8);
        return store.load();
    }

    private List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void assertOneWarningNaming(String key) {
        List<String> about = log.warnings().stream().filter(w -> w.contains(key)).toList();
        assertEquals(1, about.size(), () -> "one warning about " + key + " in " + log.warnings());
        assertTrue(about.getFirst().contains(store.file().toString()), () -> "names the file: " + about.getFirst());
    }

    private static final Fingerprint FP_A = new Fingerprint("A".repeat(64));
    private static final Fingerprint FP_B = new Fingerprint("0123456789ABCDEF".repeat(4));
    private static final Fingerprint FP_C = new Fingerprint("C".repeat(64));

    private static ClientSettings everythingChanged() {
        return ClientSettings.defaults()
                .withServerUsed(new ServerEntry("chat.example.org", 7447, "alice"))
                .withServerUsed(new ServerEntry("192.168.1.20", 9000, "", true))
                .withServerUsed(new ServerEntry("fe80::1", 7447, "Jürgen Ødegård"))
                .withTheme(Theme.DARK)
                .withWindowSize(1280.5, 800)
                .withAwayAfterMinutes(0)
                .withNotifications(false)
                .withPin("chat.example.org", 7447, FP_A)
                .withPin("fe80::1", 7447, FP_B)
                .withPin("chat.example.org", 7448, FP_C);
    }

    /** Three well-formed pins around whatever {@code damage} puts in between, as pinned.1. */
    private ClientSettings loadWithDamagedPin(String damage) throws IOException {
        return loadFile("pinned.0.host = good.example.org\npinned.0.port = 7447\npinned.0.sha256 = " + FP_A.hex() + "\n"
                + damage
                + "pinned.2.host = also-good\npinned.2.port = 1\npinned.2.sha256 = " + FP_C.hex() + "\n"
                + "theme = dark\n");
    }

    private void assertOnlyTheGoodPinsLoaded(ClientSettings loaded) {
        assertEquals(List.of(new PinnedServer("good.example.org", 7447, FP_A), new PinnedServer("also-good", 1, FP_C)),
                loaded.pinnedServers());
        assertEquals(Theme.DARK, loaded.theme());
    }

    private void assertOneAskAgainWarningNaming(String key) {
        assertOneWarningNaming(key);
        String warning = log.warnings().stream().filter(w -> w.contains(key)).findFirst().orElseThrow();
        assertTrue(warning.contains("confirm that server's certificate again"), warning);
        assertEquals(1, log.warnings().size(), () -> "only the damaged pin: " + log.warnings());
    }

    @Test
    void withoutAFileTheDefaultsAreLoadedQuietly() {
        assertEquals(ClientSettings.defaults(), store.load());
        assertEquals(List.of(), log.warnings());
    }

    @Test
    void withoutEvenTheFolderTheDefaultsAreLoaded() {
        assertEquals(ClientSettings.defaults(), new SettingsStore(folder.resolve("missing")).load());
    }

    @Test
    void everySettingSurvivesASaveAndLoad() throws IOException {
        ClientSettings saved = everythingChanged();
        store.save(saved);
        ClientSettings loaded = store.load();
        assertEquals(saved, loaded);
        assertEquals(new ServerEntry("fe80::1", 7447, "Jürgen Ødegård"), loaded.lastServer().orElseThrow());
        assertTrue(loaded.recentServers().get(1).plain());
        assertFalse(loaded.recentServers().get(2).plain());
        assertEquals(3, loaded.pinnedServers().size());
        assertEquals(List.of(), log.warnings());
    }

    @Test
    void pinsComeBackForTheirOwnServerAndPortOnly() throws IOException {
        store.save(everythingChanged());
        ClientSettings loaded = store.load();
        assertEquals(Optional.of(FP_A), loaded.pinFor("CHAT.example.org", 7447));
        assertEquals(Optional.of(FP_C), loaded.pinFor("chat.example.org", 7448));
        assertEquals(Optional.empty(), loaded.pinFor("chat.example.org", 7449));
    }

    @Test
    void anIpv6PinSurvivesASaveAndLoadAndIsFoundWithOrWithoutBrackets() throws IOException {
        store.save(ClientSettings.defaults().withPin("[2001:db8::7]", 7447, FP_B));
        assertTrue(Files.readString(store.file(), UTF_8).contains("pinned.0.host = 2001:db8::7\n"));
        ClientSettings loaded = store.load();
        assertEquals(Optional.of(FP_B), loaded.pinFor("2001:DB8::7", 7447));
        assertEquals(Optional.of(FP_B), loaded.pinFor("[2001:db8::7]", 7447));
        assertEquals("[2001:db8::7]:7447", loaded.pinnedServers().getFirst().label());
    }

    @Test
    void aReplacedOrRemovedPinStaysThatWayAfterSaving() throws IOException {
        store.save(everythingChanged());
        store.save(store.load().withPin("chat.example.org", 7447, FP_C).withoutPin("fe80::1", 7447));
        ClientSettings loaded = store.load();
        assertEquals(Optional.of(FP_C), loaded.pinFor("chat.example.org", 7447));
        assertEquals(Optional.empty(), loaded.pinFor("fe80::1", 7447));
        assertEquals(2, loaded.pinnedServers().size());
    }

    @Test
    void manyPinsAllSurviveBecausePinsAreNeverCapped() throws IOException {
        ClientSettings many = ClientSettings.defaults();
        for (int i = 0; i < 1200; i++) many = many.withPin("host" + i, 7447, FP_A);
        store.save(many);
        ClientSettings loaded = store.load();
        assertEquals(1200, loaded.pinnedServers().size());
        assertEquals(Optional.of(FP_A), loaded.pinFor("host1199", 7447));
        assertEquals(List.of(), log.warnings());
    }

    @Test
    void pinsAreWrittenAsHostPortAndBareHexUnderAnExplanation() throws IOException {
        store.save(ClientSettings.defaults().withPin("chat.example.org", 7447, FP_B));
        String text = Files.readString(store.file(), UTF_8);
        assertTrue(text.contains("# Servers whose certificate you accepted (SHA-256 fingerprints). "
                + "Delete an entry to be asked again.\n"
                + "pinned.0.host = chat.example.org\n"
                + "pinned.0.port = 7447\n"
                + "pinned.0.sha256 = 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF\n"), text);
    }

    @Test
    void withoutPinsTheFileHasNoPinSection() throws IOException {
        store.save(ClientSettings.defaults());
        assertFalse(Files.readString(store.file(), UTF_8).contains("pinned"));
    }

    @Test
    void thePlainFlagIsWrittenOnlyForPlainServers() throws IOException {
        store.save(ClientSettings.defaults()
                .withServerUsed(new ServerEntry("tls-box", 7447, "alice"))
                .withServerUsed(new ServerEntry("plain-box", 7447, "alice", true)));
        String text = Files.readString(store.file(), UTF_8);
        assertTrue(text.contains("recent.0.host = plain-box\n"), text);
        assertTrue(text.contains("recent.0.plain = true\n"), text);
        assertFalse(text.contains("recent.1.plain"), text);
    }

    @Test
    void aMissingPlainFlagMeansTls() throws IOException {
        ClientSettings loaded = loadFile("recent.0.host = old\nrecent.0.port = 7447\nrecent.0.user = alice\n");
        assertEquals(List.of(new ServerEntry("old", 7447, "alice", false)), loaded.recentServers());
        assertEquals(List.of(), log.warnings());
    }

    @Test
    void aPlainFlagInAnyCaseIsRead() throws IOException {
        ClientSettings loaded = loadFile("recent.0.host = box\nrecent.0.port = 7447\nrecent.0.plain =  TRUE \n");
        assertTrue(loaded.lastServer().orElseThrow().plain());
    }

    @Test
    void anInvalidPlainFlagMeansTlsWithAWarningAndKeepsTheServer() throws IOException {
        ClientSettings loaded = loadFile("recent.0.host = box\nrecent.0.port = 7447\nrecent.0.plain = yes\n");
        assertEquals(List.of(new ServerEntry("box", 7447, "", false)), loaded.recentServers());
        assertOneWarningNaming("recent.0.plain");
        assertEquals(1, log.warnings().size(), () -> log.warnings().toString());
    }

    // Each is pinned.1 with one thing wrong: no host, no port, no fingerprint, a port out of range or not a
    // number, a fingerprint too short, not hex or empty, a host blank once unbracketed, an empty host.
    @ParameterizedTest
    @ValueSource(strings = {
            "pinned.1.port = 7447\npinned.1.sha256 = BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB\n",
            "pinned.1.host = bad\npinned.1.sha256 = BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB\n",
            "pinned.1.host = bad\npinned.1.port = 7447\n",
            "pinned.1.host = bad\npinned.1.port = 99999\npinned.1.sha256 = BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB\n",
            "pinned.1.host = bad\npinned.1.port = seven\npinned.1.sha256 = BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB\n",
            "pinned.1.host = bad\npinned.1.port = 7447\npinned.1.sha256 = BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB\n",
            "pinned.1.host = bad\npinned.1.port = 7447\npinned.1.sha256 = GGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGG\n",
            "pinned.1.host = bad\npinned.1.port = 7447\npinned.1.sha256 =\n",
            "pinned.1.host = []\npinned.1.port = 7447\npinned.1.sha256 = BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB\n",
            "pinned.1.host =\npinned.1.port = 7447\npinned.1.sha256 = BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB\n"})
    void aDamagedPinIsSkippedWithAWarningWhileTheRestLoads(String damage) throws IOException {
        ClientSettings loaded = loadWithDamagedPin(damage);
        assertOnlyTheGoodPinsLoaded(loaded);
        assertEquals(Optional.empty(), loaded.pinFor("bad", 7447));
        assertEquals(1, log.warnings().size(), () -> log.warnings().toString());
        assertTrue(log.warnings().getFirst().contains("pinned.1."), log.warnings()::toString);
        assertTrue(log.warnings().getFirst().contains("confirm that server's certificate again"), log.warnings()::toString);
        assertTrue(log.warnings().getFirst().contains(store.file().toString()), log.warnings()::toString);
    }

    @Test
    void theWarningForABadFingerprintNamesItsKey() throws IOException {
        assertOnlyTheGoodPinsLoaded(loadWithDamagedPin("pinned.1.host = bad\npinned.1.port = 7447\npinned.1.sha256 = nope\n"));
        assertOneAskAgainWarningNaming("pinned.1.sha256");
    }

    @Test
    void theWarningForAMissingFingerprintNamesItsKey() throws IOException {
        assertOnlyTheGoodPinsLoaded(loadWithDamagedPin("pinned.1.host = bad\npinned.1.port = 7447\n"));
        assertOneAskAgainWarningNaming("pinned.1.sha256");
    }

    @Test
    void theWarningForABadPortNamesItsKey() throws IOException {
        assertOnlyTheGoodPinsLoaded(loadWithDamagedPin(
                "pinned.1.host = bad\npinned.1.port = 0\npinned.1.sha256 = " + FP_B.hex() + "\n"));
        assertOneAskAgainWarningNaming("pinned.1.port");
    }

    @Test
    void aFingerprintPastedInTheGroupedOrColonFormIsAccepted() throws IOException {
        ClientSettings loaded = loadFile("pinned.0.host = a\npinned.0.port = 1\npinned.0.sha256 = " + FP_B + "\n"
                + "pinned.1.host = b\npinned.1.port = 1\npinned.1.sha256 = " + FP_B.colonSeparated().toLowerCase() + "\n");
        assertEquals(Optional.of(FP_B), loaded.pinFor("a", 1));
        assertEquals(Optional.of(FP_B), loaded.pinFor("b", 1));
        assertEquals(List.of(), log.warnings());
    }

    @Test
    void aSecondPinForTheSameServerIsIgnoredWithAWarningAndTheFirstKept() throws IOException {
        ClientSettings loaded = loadFile("pinned.0.host = box\npinned.0.port = 7447\npinned.0.sha256 = " + FP_A.hex() + "\n"
                + "pinned.1.host = BOX\npinned.1.port = 7447\npinned.1.sha256 = " + FP_C.hex() + "\n");
        assertEquals(List.of(new PinnedServer("box", 7447, FP_A)), loaded.pinnedServers());
        assertOneWarningNaming("pinned.1.host");
        assertEquals(1, log.warnings().size(), () -> log.warnings().toString());
    }

    @Test
    void aGapInThePinNumberingDoesNotHideLaterPins() throws IOException {
        ClientSettings loaded = loadFile("pinned.3.host = third\npinned.3.port = 3\npinned.3.sha256 = " + FP_C.hex() + "\n"
                + "pinned.0.host = first\npinned.0.port = 1\npinned.0.sha256 = " + FP_A.hex() + "\n");
        assertEquals(List.of(new PinnedServer("first", 1, FP_A), new PinnedServer("third", 3, FP_C)),
                loaded.pinnedServers());
        assertEquals(List.of(), log.warnings());
    }

    @ParameterizedTest
    @ValueSource(strings = {" leading space", "trailing space ", "a=b:c#d!e", "back\\slash", "two\nlines",
            "tab\there", "\\u0041", "#not a comment", "名前", "emoji 😀", ""})
    void awkwardUserNamesSurviveASaveAndLoad(String user) throws IOException {
        ClientSettings saved = ClientSettings.defaults().withServerUsed(new ServerEntry("host", 1, user));
        store.save(saved);
        assertEquals(user, store.load().lastServer().orElseThrow().user());
    }

    @Test
    void theFileIsReadableTextWithAHeaderAndNonAsciiLettersAsTheyAre() throws IOException {
        store.save(everythingChanged());
        String text = Files.readString(store.file(), UTF_8);
        assertTrue(text.startsWith("# "), text);
        assertTrue(text.contains("theme = dark\n"), text);
        assertTrue(text.contains("window.width = 1280.5\n"), text);
        assertTrue(text.contains("window.height = 800\n"), text);
        assertTrue(text.contains("recent.0.host = fe80::1\n"), text);
        assertTrue(text.contains("recent.0.port = 7447\n"), text);
        assertTrue(text.contains("recent.0.user = Jürgen Ødegård\n"), text);
    }

    @Test
    void theFileIsOrdinaryJavaProperties() throws IOException {
        store.save(everythingChanged());
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(store.file(), UTF_8)));
        assertEquals("dark", p.getProperty("theme"));
        assertEquals("0", p.getProperty("away.after.minutes"));
        assertEquals("false", p.getProperty("notifications"));
        assertEquals("192.168.1.20", p.getProperty("recent.1.host"));
        assertEquals("chat.example.org", p.getProperty("recent.2.host"));
    }

    @Test
    void aBadValueFallsBackToItsDefaultWhileTheOtherKeysSurvive() throws IOException {
        ClientSettings loaded = loadFile("""
                theme = purple
                window.width = banana
                window.height = 900
                away.after.minutes = 30
                notifications = false
                recent.0.host = good.example.org
                recent.0.port = 7447
                recent.0.user = alice
                """);
        assertEquals(Theme.LIGHT, loaded.theme());
        assertEquals(1100, loaded.windowWidth());
        assertEquals(900, loaded.windowHeight());
        assertEquals(30, loaded.awayAfterMinutes());
        assertFalse(loaded.notifications());
        assertEquals(List.of(new ServerEntry("good.example.org", 7447, "alice")), loaded.recentServers());
        assertOneWarningNaming("theme");
        assertOneWarningNaming("window.width");
        assertEquals(2, log.warnings().size(), () -> "only the bad keys: " + log.warnings());
    }

    @Test
    void aRecentServerWithAnImpossiblePortIsDroppedAndTheOthersKept() throws IOException {
        ClientSettings loaded = loadFile("""
                recent.0.host = broken.example.org
                recent.0.port = 99999
                recent.0.user = alice
                recent.1.host = fine.example.org
                recent.1.port = 7447
                recent.1.user = bob
                theme = dark
                """);
        assertEquals(List.of(new ServerEntry("fine.example.org", 7447, "bob")), loaded.recentServers());
        assertEquals(Theme.DARK, loaded.theme());
        assertOneWarningNaming("recent.0.port");
        assertEquals(1, log.warnings().size(), () -> "only the bad key: " + log.warnings());
    }

    @Test
    void aRecentServerWithoutAPortIsDroppedWithAWarning() throws IOException {
        ClientSettings loaded = loadFile("recent.0.host = lonely.example.org\n");
        assertEquals(List.of(), loaded.recentServers());
        assertOneWarningNaming("recent.0.port");
    }

    @Test
    void aRecentServerWhoseHostIsOnlyEmptyBracketsIsDroppedWithAWarning() throws IOException {
        ClientSettings loaded = loadFile("recent.0.host = []\nrecent.0.port = 7447\ntheme = dark\n");
        assertEquals(ClientSettings.defaults().withTheme(Theme.DARK), loaded);
        assertOneWarningNaming("recent.0.host");
    }

    @Test
    void aGapInTheRecentNumberingDoesNotHideLaterServers() throws IOException {
        ClientSettings loaded = loadFile("""
                recent.0.host = first
                recent.0.port = 1
                recent.2.host = third
                recent.2.port = 3
                recent.2.user = carol
                """);
        assertEquals(List.of(new ServerEntry("first", 1, ""), new ServerEntry("third", 3, "carol")),
                loaded.recentServers());
        assertEquals(List.of(), log.warnings());
    }

    @Test
    void moreThanEightRecentServersInTheFileAreCutToTheFirstEight() throws IOException {
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 12; i++) file.append("recent.%d.host = h%d\nrecent.%d.port = 7447\n".formatted(i, i, i));
        ClientSettings loaded = loadFile(file.toString());
        assertEquals(List.of("h0", "h1", "h2", "h3", "h4", "h5", "h6", "h7"),
                loaded.recentServers().stream().map(ServerEntry::host).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"notifications = yes", "away.after.minutes = 241", "away.after.minutes = -1",
            "away.after.minutes = five", "window.height = NaN", "window.height = -5"})
    void eachKindOfBadValueIsReportedAndReplacedByTheDefault(String line) throws IOException {
        ClientSettings loaded = loadFile(line + "\ntheme = dark\n");
        assertEquals(ClientSettings.defaults().withTheme(Theme.DARK), loaded);
        assertOneWarningNaming(line.substring(0, line.indexOf(' ')));
    }

    @Test
    void valuesAreReadWithoutCaringAboutCaseOrSurroundingSpaces() throws IOException {
        ClientSettings loaded = loadFile("theme =   DARK  \nnotifications = FALSE\nwindow.width=  900 \n");
        assertEquals(Theme.DARK, loaded.theme());
        assertFalse(loaded.notifications());
        assertEquals(900, loaded.windowWidth());
    }

    @Test
    void aTooSmallWindowInTheFileIsEnlargedWithoutComplaint() throws IOException {
        ClientSettings loaded = loadFile("window.width = 100\nwindow.height = 100\n");
        assertEquals(760, loaded.windowWidth());
        assertEquals(520, loaded.windowHeight());
        assertEquals(List.of(), log.warnings());
    }

    @Test
    void unknownKeysAreIgnoredSoANewerClientsFileStillLoads() throws IOException {
        ClientSettings loaded = loadFile("font.size = 14\ntheme = dark\n");
        assertEquals(ClientSettings.defaults().withTheme(Theme.DARK), loaded);
        assertEquals(List.of(), log.warnings());
    }

    @Test
    void invalidUtf8CostsOnlyTheValueItIsIn() throws IOException {
        byte[] head = "theme = dark\nrecent.0.host = h\nrecent.0.port = 1\nrecent.0.user = ".getBytes(UTF_8);
        byte[] tail = "\nnotifications = false\n".getBytes(UTF_8);
        byte[] content = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, content, 0, head.length);
        content[head.length] = (byte) 0xC3; // a lead byte followed by an invalid continuation
        content[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, content, head.length + 2, tail.length);
        Files.write(store.file(), content);

        ClientSettings loaded = store.load();
        assertEquals(Theme.DARK, loaded.theme());
        assertFalse(loaded.notifications());
        assertEquals("h", loaded.lastServer().orElseThrow().host());
    }

    @Test
    void aMalformedEscapeMakesTheFileUnreadableSoTheDefaultsAreUsedWithAWarning() throws IOException {
        ClientSettings loaded = loadFile("theme = dark\nrecent.0.user = \\uZZZZ\n");
        assertEquals(ClientSettings.defaults(), loaded);
        assertEquals(1, log.warnings().size(), () -> log.warnings().toString());
        assertTrue(log.warnings().getFirst().contains(store.file().toString()));
    }

    @Test
    void aFileThatCannotBeReadGivesTheDefaultsWithAWarning() throws IOException {
        Files.createDirectory(store.file()); // reading a folder as a file fails on every platform
        assertEquals(ClientSettings.defaults(), store.load());
        assertEquals(1, log.warnings().size(), () -> log.warnings().toString());
    }

    @Test
    void savingCreatesTheFolderAndItsParents() throws IOException {
        Path nested = folder.resolve("a").resolve("b").resolve("chatroom");
        SettingsStore deep = new SettingsStore(nested);
        deep.save(everythingChanged());
        assertTrue(Files.isRegularFile(nested.resolve("client.properties")));
        assertEquals(everythingChanged(), deep.load());
    }

    @Test
    void aNewFolderIsOwnerOnlyOnPosixFileSystems() throws IOException {
        assumeTrue(folder.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path created = folder.resolve("chatroom");
        new SettingsStore(created).save(ClientSettings.defaults());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(created)));
    }

    @Test
    void anExistingFolderKeepsItsPermissions() throws IOException {
        assumeTrue(folder.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path existing = Files.createDirectory(folder.resolve("shared"));
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));
        new SettingsStore(existing).save(ClientSettings.defaults());
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(existing)));
    }

    @Test
    void savingLeavesOnlyTheSettingsFileBehind() throws IOException {
        store.save(everythingChanged());
        store.save(ClientSettings.defaults());
        assertEquals(List.of("client.properties"), filesIn(folder));
    }

    @Test
    void savingAgainReplacesTheWholeFile() throws IOException {
        store.save(everythingChanged());
        store.save(ClientSettings.defaults().withTheme(Theme.DARK));
        assertEquals(ClientSettings.defaults().withTheme(Theme.DARK), store.load());
        assertFalse(Files.readString(store.file(), UTF_8).contains("recent."), "old recent servers are gone");
        assertFalse(Files.readString(store.file(), UTF_8).contains("pinned."), "old pins are gone");
    }

    @Test
    void aSaveThatCannotReplaceTheFileThrowsAndLeavesNoTemporaryFile() throws IOException {
        // A non-empty folder where the file should be: the final move fails on every platform.
        Files.createDirectories(store.file().resolve("in-the-way"));
        assertThrows(IOException.class, () -> store.save(everythingChanged()));
        assertEquals(List.of("client.properties"), filesIn(folder));
        assertTrue(Files.isDirectory(store.file()), "what was there is untouched");
    }

    @Test
    void aFileWhereTheFolderShouldBeMakesSaveThrow() throws IOException {
        Path blocked = Files.writeString(folder.resolve("chatroom"), "not a folder");
        assertThrows(IOException.class, () -> new SettingsStore(blocked).save(ClientSettings.defaults()));
        assertEquals("not a folder", Files.readString(blocked));
    }
}
