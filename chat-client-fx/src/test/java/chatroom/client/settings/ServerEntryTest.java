package chatroom.client.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a remembered server accepts, and how it is shown and compared. */
class ServerEntryTest {

    @Test
    void theLabelIsHostColonPort() {
        assertEquals("chat.example.org:7447", new ServerEntry("chat.example.org", 7447, "alice").label());
    }

    @Test
    void anIpv6HostIsBracketedInTheLabelSoThePortStaysReadable() {
        assertEquals("[fe80::1]:7447", new ServerEntry("fe80::1", 7447, "").label());
    }

    @Test
    void aBracketedIpv6HostIsStoredWithoutBrackets() {
        assertEquals("fe80::1", new ServerEntry("[fe80::1]", 7447, "").host());
    }

    @Test
    void surroundingSpacesAreTrimmedFromTheHost() {
        assertEquals("lan-box", new ServerEntry("  lan-box ", 7447, "").host());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "[]"})
    void aBlankHostIsRejected(String host) {
        assertThrows(IllegalArgumentException.class, () -> new ServerEntry(host, 7447, "alice"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65_536, 99_999})
    void aPortOutsideOneTo65535IsRejected(int port) {
        assertThrows(IllegalArgumentException.class, () -> new ServerEntry("host", port, "alice"));
    }

    @Test
    void bothEndsOfThePortRangeAreAccepted() {
        assertEquals(1, new ServerEntry("host", 1, "").port());
        assertEquals(65_535, new ServerEntry("host", 65_535, "").port());
    }

    @Test
    void anEmptyUserIsAllowedButNullIsNot() {
        assertEquals("", new ServerEntry("host", 7447, "").user());
        assertThrows(NullPointerException.class, () -> new ServerEntry("host", 7447, null));
        assertThrows(NullPointerException.class, () -> new ServerEntry(null, 7447, "alice"));
    }

    @Test
    void theThreeArgumentConstructorMeansATlsConnection() {
        assertFalse(new ServerEntry("host", 7447, "alice").plain());
        assertEquals(new ServerEntry("host", 7447, "alice", false), new ServerEntry("host", 7447, "alice"));
        assertTrue(new ServerEntry("host", 7447, "alice", true).plain());
    }

    @Test
    void thePlainFlagDoesNotMakeItAnotherServer() {
        assertTrue(new ServerEntry("host", 7447, "alice", true).sameServerAs(new ServerEntry("HOST", 7447, "bob", false)));
        assertFalse(new ServerEntry("host", 7447, "alice", true).sameServerAs(new ServerEntry("host", 7448, "alice", true)));
    }

    @Test
    void thePlainFlagIsNotPartOfTheLabel() {
        assertEquals("host:7447", new ServerEntry("host", 7447, "", true).label());
    }

    @Test
    void theSameServerIgnoresHostCaseAndUserButNotPort() {
        ServerEntry entry = new ServerEntry("Chat.Example.ORG", 7447, "alice");
        assertTrue(entry.sameServerAs(new ServerEntry("chat.example.org", 7447, "bob")));
        assertFalse(entry.sameServerAs(new ServerEntry("chat.example.org", 7448, "alice")));
        assertFalse(entry.sameServerAs(new ServerEntry("other.example.org", 7447, "alice")));
    }
}
