package chatroom.client.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The defaults, the recent-server list and the limits on window size and away delay. */
class ClientSettingsTest {

    private static ServerEntry server(String host) {
        return new ServerEntry(host, 7447, "alice");
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
        ClientSettings s = new ClientSettings(given, Theme.DARK, 1100, 720, 5, true);
        assertEquals(8, s.recentServers().size());
        assertEquals(new ServerEntry("dup", 1, "newer"), s.recentServers().getFirst());
        assertEquals(List.of("dup", "h0", "h1", "h2", "h3", "h4", "h5", "h6"), hosts(s));
    }

    @Test
    void theRecentServerListCannotBeChangedFromOutside() {
        List<ServerEntry> given = new ArrayList<>(List.of(server("a")));
        ClientSettings s = new ClientSettings(given, Theme.LIGHT, 1100, 720, 5, true);
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
        assertEquals(new ClientSettings(List.of(), Theme.DARK, 1100, 720, 5, true), d.withTheme(Theme.DARK));
        assertEquals(new ClientSettings(List.of(), Theme.LIGHT, 1100, 720, 5, false), d.withNotifications(false));
        assertEquals(new ClientSettings(List.of(), Theme.LIGHT, 1100, 720, 0, true), d.withAwayAfterMinutes(0));
        assertEquals(new ClientSettings(List.of(), Theme.LIGHT, 800, 600, 5, true), d.withWindowSize(800, 600));
        assertFalse(d.withNotifications(false).notifications());
    }

    @Test
    void nullsAreRejected() {
        assertThrows(NullPointerException.class, () -> ClientSettings.defaults().withTheme(null));
        assertThrows(NullPointerException.class, () -> ClientSettings.defaults().withServerUsed(null));
        assertThrows(NullPointerException.class, () -> new ClientSettings(null, Theme.LIGHT, 1100, 720, 5, true));
    }
}
