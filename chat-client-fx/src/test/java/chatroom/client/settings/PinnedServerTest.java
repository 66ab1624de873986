package chatroom.client.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.tls.Fingerprint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A pin is normalised like a recent server, so the two always agree on which server is meant. */
class PinnedServerTest {
    private static final Fingerprint FP = new Fingerprint("0123456789ABCDEF".repeat(4));

    @Test
    void aBracketedIpv6HostIsStoredWithoutBracketsAndLabelledWithThem() {
        PinnedServer pin = new PinnedServer(" [fe80::1] ", 7447, FP);
        assertEquals("fe80::1", pin.host());
        assertEquals("[fe80::1]:7447", pin.label());
    }

    @Test
    void theLabelIsHostColonPort() {
        assertEquals("chat.example.org:7447", new PinnedServer("  chat.example.org ", 7447, FP).label());
    }

    @Test
    void itNormalisesTheHostExactlyLikeAServerEntry() {
        for (String host : new String[] {" lan-box ", "[::1]", "[ fe80::1 ]", "Chat.Example.ORG"}) {
            assertEquals(new ServerEntry(host, 1, "").host(), new PinnedServer(host, 1, FP).host(), host);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "[]", "[  ]"})
    void aBlankHostIsRejected(String host) {
        assertThrows(IllegalArgumentException.class, () -> new PinnedServer(host, 7447, FP));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65_536})
    void aPortOutsideOneTo65535IsRejected(int port) {
        assertThrows(IllegalArgumentException.class, () -> new PinnedServer("host", port, FP));
    }

    @Test
    void nullsAreRejected() {
        assertThrows(NullPointerException.class, () -> new PinnedServer(null, 7447, FP));
        assertThrows(NullPointerException.class, () -> new PinnedServer("host", 7447, null));
        assertThrows(NullPointerException.class, () -> new PinnedServer("host", 7447, FP).sameServerAs(null, 7447));
    }

    @Test
    void theSameServerIgnoresHostCaseAndBracketsButNotThePort() {
        PinnedServer pin = new PinnedServer("Chat.Example.ORG", 7447, FP);
        assertTrue(pin.sameServerAs("chat.example.org", 7447));
        assertTrue(pin.sameServerAs(" CHAT.EXAMPLE.ORG ", 7447));
        assertFalse(pin.sameServerAs("chat.example.org", 7448));
        assertFalse(pin.sameServerAs("chat.example.net", 7447));
        assertTrue(new PinnedServer("fe80::ab", 1, FP).sameServerAs("[FE80::AB]", 1));
    }

    @Test
    void aBlankHostMatchesNoPinInsteadOfThrowing() {
        assertFalse(new PinnedServer("host", 7447, FP).sameServerAs("[]", 7447));
        assertFalse(new PinnedServer("host", 7447, FP).sameServerAs("", 7447));
    }
}
