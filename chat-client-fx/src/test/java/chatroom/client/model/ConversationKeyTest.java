package chatroom.client.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConversationKeyTest {

    @Test
    void namesThatDifferOnlyInCaseAreTheSameConversation() {
        assertEquals(ConversationKey.direct("Bob"), ConversationKey.direct("bob"));
        assertEquals(ConversationKey.direct("Bob").hashCode(), ConversationKey.direct("bob").hashCode());
        assertEquals(ConversationKey.room("Lobby"), ConversationKey.room("LOBBY"));
        assertEquals(ConversationKey.room("Lobby").hashCode(), ConversationKey.room("LOBBY").hashCode());
    }

    @Test
    void equalityUsesTheServersFullNameKey() {
        // Full case folding: ß and SS are the same name on the server, so the same conversation here.
        assertEquals(ConversationKey.direct("Straße"), ConversationKey.direct("STRASSE"));
        // NFKC: the full-width letters name the same user as the ordinary ones.
        assertEquals(ConversationKey.direct("ｂｏｂ"), ConversationKey.direct("bob"));
    }

    @Test
    void differentNamesAreDifferentConversations() {
        assertNotEquals(ConversationKey.room("lobby"), ConversationKey.room("lobby2"));
        assertNotEquals(ConversationKey.direct("bob"), ConversationKey.direct("bobby"));
    }

    @Test
    void aRoomAndADirectConversationWithTheSameNameDiffer() {
        assertNotEquals(ConversationKey.room("bob"), ConversationKey.direct("bob"));
        assertNotEquals(ConversationKey.direct("bob"), ConversationKey.room("bob"));
        assertFalse(ConversationKey.room("bob").equals("# bob"));
        assertFalse(ConversationKey.room("bob").equals(null));
    }

    @Test
    void keysWorkInMapsAndSetsRegardlessOfCase() {
        Map<ConversationKey, String> drafts = new HashMap<>();
        drafts.put(ConversationKey.direct("Bob"), "hi");
        assertEquals("hi", drafts.get(ConversationKey.direct("bob")));
        assertEquals(null, drafts.get(ConversationKey.room("bob")));

        Set<ConversationKey> open = new HashSet<>();
        open.add(ConversationKey.room("Lobby"));
        open.add(ConversationKey.room("lobby"));
        open.add(ConversationKey.direct("lobby"));
        assertEquals(2, open.size());
    }

    @Test
    void theTitleMarksRoomsWithAHashAndPeopleWithAnAt() {
        assertEquals("# lobby", ConversationKey.room("lobby").title());
        assertEquals("@ bob", ConversationKey.direct("bob").title());
    }

    @Test
    void theTitleKeepsTheSpellingItWasGiven() {
        assertEquals("@ Bob", ConversationKey.direct("Bob").title());
        assertEquals("# Rust-Lang", ConversationKey.room("Rust-Lang").toString());
    }

    @Test
    void aKeyKnowsWhetherItIsARoom() {
        assertTrue(ConversationKey.room("lobby").isRoom());
        assertFalse(ConversationKey.direct("bob").isRoom());
        assertEquals(ConversationKey.Kind.ROOM, ConversationKey.room("lobby").kind());
        assertEquals(ConversationKey.Kind.DIRECT, ConversationKey.direct("bob").kind());
    }

    @Test
    void aKeyNeedsAKindAndAName() {
        assertThrows(NullPointerException.class, () -> ConversationKey.room(null));
        assertThrows(NullPointerException.class, () -> new ConversationKey(null, "bob"));
    }
}
