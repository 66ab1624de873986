package chatroom.common.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.protocol.ClientMessage;
import chatroom.common.protocol.ServerMessage;
import chatroom.common.protocol.WireType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The codec knows every permitted record of both sealed interfaces, by a unique wire name. */
class MessageTypesTest {

    @Test
    void everyClientRecordIsKnownToTheCodecBothWays() {
        assertKnownBothWays(ClientMessage.class, ProtocolCodec.clientTypes());
    }

    @Test
    void everyServerRecordIsKnownToTheCodecBothWays() {
        assertKnownBothWays(ServerMessage.class, ProtocolCodec.serverTypes());
    }

    private static <T> void assertKnownBothWays(Class<T> sealedInterface, MessageTypes<T> types) {
        Class<?>[] permitted = sealedInterface.getPermittedSubclasses();
        assertTrue(permitted.length > 0);
        Set<String> names = new HashSet<>();
        for (Class<?> sub : permitted) {
            assertTrue(sub.isRecord(), sub + " is a record");
            WireType wire = sub.getAnnotation(WireType.class);
            assertNotNull(wire, sub.getSimpleName() + " has a @WireType");
            assertTrue(wire.value().matches("[a-z][a-z_]*"), "wire name '" + wire.value() + "' is lower snake case");
            assertTrue(names.add(wire.value()), "wire name '" + wire.value() + "' is used once per direction");
            assertSame(sub, types.classOf(wire.value()), "classOf('" + wire.value() + "')");
            assertEquals(wire.value(), types.nameOf(sub), "nameOf(" + sub.getSimpleName() + ")");
        }
        assertEquals(names, types.all().keySet());
        assertEquals(Set.of(permitted), Set.copyOf(types.all().values()));
    }

    @Test
    void everyRequestOfTheContractIsAClientType() {
        List<String> contract = List.of("register", "login", "join", "part", "say", "dm", "history", "status", "users",
                "rooms", "typing", "topic", "kick", "ban", "unban", "bans", "role", "ping", "quit");
        assertTrue(ProtocolCodec.clientTypes().all().keySet().containsAll(contract),
                "missing: " + contract.stream().filter(n -> ProtocolCodec.clientTypes().classOf(n) == null).toList());
    }

    @Test
    void everyReplyAndEventOfTheContractIsAServerType() {
        List<String> contract = List.of("hello", "welcome", "joined", "ok", "ack", "history", "users", "rooms", "bans",
                "pong", "bye", "message", "member", "presence", "topic", "typing", "kicked", "banned", "error");
        assertTrue(ProtocolCodec.serverTypes().all().keySet().containsAll(contract),
                "missing: " + contract.stream().filter(n -> ProtocolCodec.serverTypes().classOf(n) == null).toList());
    }

    @Test
    void unknownWireNamesAndForeignClassesAreNotMessageTypes() {
        assertNull(ProtocolCodec.clientTypes().classOf("shout"));
        assertNull(ProtocolCodec.clientTypes().classOf("PING"), "wire names are case-sensitive");
        assertNull(ProtocolCodec.clientTypes().classOf("hello"), "a server type is not a client type");
        assertNull(ProtocolCodec.serverTypes().classOf("register"), "a client type is not a server type");
        assertThrows(IllegalArgumentException.class, () -> ProtocolCodec.clientTypes().nameOf(String.class));
        assertThrows(IllegalArgumentException.class, () -> ProtocolCodec.serverTypes().nameOf(chatroom.common.protocol.PingRequest.class));
    }

    @Test
    void theAllMapCannotBeModified() {
        assertThrows(UnsupportedOperationException.class, () -> ProtocolCodec.clientTypes().all().clear());
    }

    sealed interface Duplicated permits First, Second {
    }

    @WireType("same")
    record First() implements Duplicated {
    }

    @WireType("same")
    record Second() implements Duplicated {
    }

    sealed interface Unnamed permits Named, Anonymous {
    }

    @WireType("named")
    record Named() implements Unnamed {
    }

    record Anonymous() implements Unnamed {
    }

    interface Open {
    }

    @Test
    void aDuplicatedWireNameIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new MessageTypes<>(Duplicated.class));
        assertTrue(e.getMessage().contains("same"), e.getMessage());
    }

    @Test
    void aRecordWithoutWireTypeIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new MessageTypes<>(Unnamed.class));
        assertTrue(e.getMessage().contains("Anonymous"), e.getMessage());
    }

    @Test
    void anInterfaceThatIsNotSealedIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MessageTypes<>(Open.class));
    }
}
