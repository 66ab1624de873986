package chatroom.client.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.tls.Fingerprint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The defaults, the recent-server list, the pinned certificates and the limits on window size and away delay. */
class ClientSettingsTest {

    private static ServerEntry server(String host) {
        return new ServerEntry(host, 7447, "alice");
    }

    private static Fingerprint fp(char digit) {
        return new Fingerprint(String.valueOf(digit).repeat(64));
    }

    private static List<String> hosts(ClientSettings settings) {
        return settings.recentServers().stream().map(ServerEntry::host).toList();
    }

    @Test
    void theDefaultsAreAnEmptyHistoryLightThemeAMediumWindowFiveMinutesAndNotificationsOn() {
        ClientSettings d = ClientSettings.defaults();
        assertEquals(List.of(), d.recentServers());
        assertEquals(Theme.LIGHT, d.theme());
        assertEquals(1100, d.windowWidth());
        assertEquals(720, d.windowHeight());
        assertEquals(5, d.awayAfterMinutes());
        assertTrue(d.notifications());
        assertEquals(Optional.empty(), d.lastServer());
        assertEquals(List.of(), d.pinnedServers());
        assertEquals(Optional.empty(), d.pinFor("localhost", 7447));
    }

    @Test
    void aServerUsedBecomesTheLastServer() {
        ServerEntry lan = server("lan-box");
        assertEquals(Optional.of(lan), ClientSettings.defaults().withServerUsed(lan).lastServer());
    }

    @Test
    void recentServersAreListedMostRecentFirst() {
        ClientSettings s = ClientSettings.defaults()
                .withServerUsed(server("a")).withServerUsed(server("b")).withServerUsed(server("c"));
        assertEquals(List.of("c", "b", "a"), hosts(s));
    }

    @Test
    void usingAKnownServerAgainMovesItToTheFrontWithTheNewUserInsteadOfAddingADuplicate() {
        ClientSettings s = ClientSettings.defaults()
                .withServerUsed(new ServerEntry("chat.example.org", 7447, "alice"))
                .withServerUsed(server("other"))
                .withServerUsed(new ServerEntry("CHAT.example.org", 7447, "bob"));
        assertEquals(List.of(new ServerEntry("CHAT.example.org", 7447, "bob"), server("other")), s.recentServers());
    }

    @Test
    void theSameHostOnAnotherPortIsAnotherServer() {
        ClientSettings s = ClientSettings.defaults()
                .withServerUsed(new ServerEntry("host", 7447, "alice"))
                .withServerUsed(new ServerEntry("host", 7448, "alice"));
        assertEquals(2, s.recentServers().size());
    }

    @Test
    void onlyTheEightMostRecentServersAreKept() {
        ClientSettings s = ClientSettings.defaults();
        for (int i = 1; i <= 10; i++) s = s.withServerUsed(server("host" + i));
        assertEquals(List.of("host10", "host9", "host8", "host7", "host6", "host5", "host4", "host3"), hosts(s));
    }

    @Test
    void reusingAServerWhenTheListIsFullDropsNothingElse() {
        ClientSettings s = ClientSettings.defaults();
        for (int i = 1; i <= 8; i++) s = s.withServerUsed(server("host" + i));
        s = s.withServerUsed(server("host1"));
        assertEquals(List.of("host1", "host8", "host7", "host6", "host5", "host4", "host3", "host2"), hosts(s));
    }

    @Test
    void theConstructorDedupesAndCapsAListFromElsewhereKeepingEarlierEntries() {
        List<ServerEntry> given = new ArrayList<>();
        given.add(new ServerEntry("dup", 1, "newer"));
        given.add(new ServerEntry("DUP", 1, "older"));
        IntStream.range(0, 10).forEach(i -> given.add(server("h" + i)));
        ClientSettings s = new ClientSettings(given, Theme.DARK, 1100, 720, 5, true, List.of());
        assertEquals(8, s.recentServers().size());
        assertEquals(new ServerEntry("dup", 1, "newer"), s.recentServers().getFirst());
        assertEquals(List.of("dup", "h0", "h1", "h2", "h3", "h4", "h5", "h6"), hosts(s));
    }

    @Test
    void theRecentServerListCannotBeChangedFromOutside() {
        List<ServerEntry> given = new ArrayList<>(List.of(server("a")));
        ClientSettings s = new ClientSettings(given, Theme.LIGHT, 1100, 720, 5, true, List.of());
        given.add(server("b"));
        assertEquals(1, s.recentServers().size());
        assertThrows(UnsupportedOperationException.class, () -> s.recentServers().add(server("c")));
    }

    @Test
    void aWindowSmallerThan760By520IsEnlargedToThatMinimum() {
        ClientSettings s = ClientSettings.defaults().withWindowSize(300, 200);
        assertEquals(760, s.windowWidth());
        assertEquals(520, s.windowHeight());
    }

    @Test
    void aLargerWindowIsKeptAsItIs() {
        ClientSettings s = ClientSettings.defaults().withWindowSize(1920.5, 1080);
        assertEquals(1920.5, s.windowWidth());
        assertEquals(1080, s.windowHeight());
    }

    @Test
    void aWindowSizeThatIsNotANumberMeansTheDefault() {
        ClientSettings s = ClientSettings.defaults().withWindowSize(Double.NaN, Double.POSITIVE_INFINITY);
        assertEquals(1100, s.windowWidth());
        assertEquals(720, s.windowHeight());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 240})
    void anAwayDelayFromZeroTo240MinutesIsAccepted(int minutes) {
        assertEquals(minutes, ClientSettings.defaults().withAwayAfterMinutes(minutes).awayAfterMinutes());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 241, 10_000})
    void anAwayDelayOutsideZeroTo240MinutesIsRejected(int minutes) {
        assertThrows(IllegalArgumentException.class, () -> ClientSettings.defaults().withAwayAfterMinutes(minutes));
    }

    @Test
    void eachWitherChangesOnlyItsOwnSetting() {
        ClientSettings d = ClientSettings.defaults();
        assertEquals(new ClientSettings(List.of(), Theme.DARK, 1100, 720, 5, true, List.of()), d.withTheme(Theme.DARK));
        assertEquals(new ClientSettings(List.of(), Theme.LIGHT, 1100, 720, 5, false, List.of()), d.withNotifications(false));
        assertEquals(new ClientSettings(List.of(), Theme.LIGHT, 1100, 720, 0, true, List.of()), d.withAwayAfterMinutes(0));
        assertEquals(new ClientSettings(List.of(), Theme.LIGHT, 800, 600, 5, true, List.of()), d.withWindowSize(800, 600));
        assertFalse(d.withNotifications(false).notifications());
    }

    @Test
    void usingAServerAgainUpdatesItsPlainFlag() {
        ClientSettings s = ClientSettings.defaults()
                .withServerUsed(new ServerEntry("lan-box", 7447, "alice", true))
                .withServerUsed(new ServerEntry("LAN-box", 7447, "alice"));
        assertEquals(List.of(new ServerEntry("LAN-box", 7447, "alice", false)), s.recentServers());
    }

    @Test
    void aPinnedFingerprintIsFoundForItsServer() {
        ClientSettings s = ClientSettings.defaults().withPin("chat.example.org", 7447, fp('A'));
        assertEquals(Optional.of(fp('A')), s.pinFor("chat.example.org", 7447));
        assertEquals(List.of(new PinnedServer("chat.example.org", 7447, fp('A'))), s.pinnedServers());
    }

    @Test
    void pinForIgnoresHostCaseAndIpv6BracketsButNotThePort() {
        ClientSettings s = ClientSettings.defaults()
                .withPin("Chat.Example.ORG", 7447, fp('A'))
                .withPin("fe80::1", 7447, fp('B'));
        assertEquals(Optional.of(fp('A')), s.pinFor("chat.example.org", 7447));
        assertEquals(Optional.of(fp('A')), s.pinFor("CHAT.EXAMPLE.ORG", 7447));
        assertEquals(Optional.empty(), s.pinFor("chat.example.org", 7448));
        assertEquals(Optional.empty(), s.pinFor("other.example.org", 7447));
        assertEquals(Optional.of(fp('B')), s.pinFor("[FE80::1]", 7447));
    }

    @Test
    void theSameHostOnTwoPortsHasTwoSeparatePins() {
        ClientSettings s = ClientSettings.defaults()
                .withPin("host", 7447, fp('A'))
                .withPin("host", 7448, fp('B'));
        assertEquals(Optional.of(fp('A')), s.pinFor("host", 7447));
        assertEquals(Optional.of(fp('B')), s.pinFor("host", 7448));
    }

    @Test
    void pinningAgainReplacesTheOldFingerprintInsteadOfAddingASecondPin() {
        ClientSettings s = ClientSettings.defaults()
                .withPin("chat.example.org", 7447, fp('A'))
                .withPin("other", 7447, fp('C'))
                .withPin("CHAT.example.org", 7447, fp('B'));
        assertEquals(Optional.of(fp('B')), s.pinFor("chat.example.org", 7447));
        assertEquals(List.of(new PinnedServer("other", 7447, fp('C')), new PinnedServer("CHAT.example.org", 7447, fp('B'))),
                s.pinnedServers());
    }

    @Test
    void withoutPinForgetsOnlyThatServer() {
        ClientSettings s = ClientSettings.defaults()
                .withPin("host", 7447, fp('A'))
                .withPin("host", 7448, fp('B'))
                .withPin("other", 7447, fp('C'))
                .withoutPin("HOST", 7447);
        assertEquals(Optional.empty(), s.pinFor("host", 7447));
        assertEquals(Optional.of(fp('B')), s.pinFor("host", 7448));
        assertEquals(Optional.of(fp('C')), s.pinFor("other", 7447));
        assertEquals(2, s.pinnedServers().size());
    }

    @Test
    void withoutPinForAServerThatIsNotPinnedChangesNothing() {
        ClientSettings s = ClientSettings.defaults().withPin("host", 7447, fp('A'));
        assertEquals(s, s.withoutPin("elsewhere", 7447));
        assertEquals(s, s.withoutPin("  ", 7447));
    }

    @Test
    void aPinForABlankHostOrImpossiblePortIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ClientSettings.defaults().withPin(" [] ", 7447, fp('A')));
        assertThrows(IllegalArgumentException.class, () -> ClientSettings.defaults().withPin("host", 0, fp('A')));
        assertThrows(NullPointerException.class, () -> ClientSettings.defaults().withPin("host", 7447, null));
    }

    @Test
    void theConstructorKeepsTheFirstPinForAServerAndDropsLaterOnes() {
        List<PinnedServer> given = List.of(new PinnedServer("host", 1, fp('A')), new PinnedServer("other", 1, fp('C')),
                new PinnedServer("HOST", 1, fp('B')));
        ClientSettings s = new ClientSettings(List.of(), Theme.LIGHT, 1100, 720, 5, true, given);
        assertEquals(given.subList(0, 2), s.pinnedServers());
        assertEquals(Optional.of(fp('A')), s.pinFor("host", 1));
    }

    @Test
    void pinsAreNeverCappedBecauseAForgottenPinWouldWeakenTheCheck() {
        ClientSettings s = ClientSettings.defaults();
        for (int i = 0; i < 500; i++) s = s.withPin("host" + i, 7447, fp('A'));
        s = s.withServerUsed(server("x")).withTheme(Theme.DARK);
        assertEquals(500, s.pinnedServers().size());
        assertEquals(Optional.of(fp('A')), s.pinFor("host0", 7447));
    }

    @Test
    void theWithersKeepThePins() {
        ClientSettings pinned = ClientSettings.defaults().withPin("host", 7447, fp('A'));
        List<PinnedServer> pins = pinned.pinnedServers();
        assertEquals(pins, pinned.withServerUsed(server("a")).pinnedServers());
        assertEquals(pins, pinned.withTheme(Theme.DARK).pinnedServers());
        assertEquals(pins, pinned.withWindowSize(800, 600).pinnedServers());
        assertEquals(pins, pinned.withAwayAfterMinutes(0).pinnedServers());
        assertEquals(pins, pinned.withNotifications(false).pinnedServers());
    }

    @Test
    void thePinListCannotBeChangedFromOutside() {
        List<PinnedServer> given = new ArrayList<>(List.of(new PinnedServer("a", 1, fp('A'))));
        ClientSettings s = new ClientSettings(List.of(), Theme.LIGHT, 1100, 720, 5, true, given);
        given.add(new PinnedServer("b", 1, fp('B')));
        assertEquals(1, s.pinnedServers().size());
        assertThrows(UnsupportedOperationException.class, () -> s.pinnedServers().add(new PinnedServer("c", 1, fp('C'))));
    }

    @Test
    void nullsAreRejected() {
        assertThrows(NullPointerException.class, () -> ClientSettings.defaults().withTheme(null));
        assertThrows(NullPointerException.class, () -> ClientSettings.defaults().withServerUsed(null));
        assertThrows(NullPointerException.class, () -> new ClientSettings(null, Theme.LIGHT, 1100, 720, 5, true, List.of()));
        assertThrows(NullPointerException.class, () -> new ClientSettings(List.of(), Theme.LIGHT, 1100, 720, 5, true, null));
        assertThrows(NullPointerException.class, () -> ClientSettings.defaults().pinFor(null, 7447));
    }
}
