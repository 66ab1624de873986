package chatroom.common.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.common.protocol.ClientMessage;
import chatroom.common.protocol.ServerMessage;
import chatroom.common.protocol.WireType;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.annotations.SerializedName;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message type, both directions: encode, check the shape, decode, compare. */
class ProtocolCodecRoundTripTest {
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    @Test
    void everyClientMessageTypeHasASample() {
        Set<Class<?>> permitted = Set.of(ClientMessage.class.getPermittedSubclasses());
        assertEquals(permitted, Set.copyOf(MessageSamples.client().keySet()),
                "MessageSamples.client() must hold samples for exactly the permitted subclasses of ClientMessage");
    }

    @Test
    void everyServerMessageTypeHasASample() {
        Set<Class<?>> permitted = Set.of(ServerMessage.class.getPermittedSubclasses());
        assertEquals(permitted, Set.copyOf(MessageSamples.server().keySet()),
                "MessageSamples.server() must hold samples for exactly the permitted subclasses of ServerMessage");
    }

    static Stream<Arguments> clientSamples() {
        return MessageSamples.client().values().stream().flatMap(List::stream).map(m -> Arguments.of(label(m), m));
    }

    static Stream<Arguments> serverSamples() {
        return MessageSamples.server().values().stream().flatMap(List::stream).map(m -> Arguments.of(label(m), m));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientSamples")
    void clientMessageSurvivesARoundTrip(String label, ClientMessage message) throws ProtocolException {
        String json = CODEC.encode(message);
        assertWellFormed(json, message.getClass());

        ClientMessage decoded = CODEC.decodeClient(json);
        assertInstanceOf(message.getClass(), decoded);
        assertEquals(message, decoded);
        assertEquals(json, CODEC.encode(decoded), "encoding is stable across a round trip");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverSamples")
    void serverMessageSurvivesARoundTrip(String label, ServerMessage message) throws ProtocolException {
        String json = CODEC.encode(message);
        assertWellFormed(json, message.getClass());

        ServerMessage decoded = CODEC.decodeServer(json);
        assertInstanceOf(message.getClass(), decoded);
        assertEquals(message, decoded);
        assertEquals(json, CODEC.encode(decoded), "encoding is stable across a round trip");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientSamples")
    void clientFrameIsTheEncodingAsUtf8WithOneTrailingNewline(String label, ClientMessage message) {
        byte[] expected = (CODEC.encode(message) + "\n").getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected, CODEC.frame(message));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverSamples")
    void serverFrameIsTheEncodingAsUtf8WithOneTrailingNewline(String label, ServerMessage message) {
        byte[] expected = (CODEC.encode(message) + "\n").getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected, CODEC.frame(message));
    }

    /**
     * Together the samples put every record component (nested records included) on the wire at
     * least once, under its snake_case or {@code @SerializedName} name, so no field escapes the
     * round trip.
     */
    @Test
    void samplesPutEveryFieldOnTheWireUnderItsProtocolName() {
        Map<Class<?>, Set<String>> seen = new HashMap<>();
        for (Object message : MessageSamples.all()) {
            String json = message instanceof ClientMessage c ? CODEC.encode(c) : CODEC.encode((ServerMessage) message);
            JsonObject object = JsonParser.parseString(json).getAsJsonObject();
            object.remove("type");
            collectKeys(message.getClass(), object, seen);
        }
        assertFalse(seen.isEmpty());
        for (Map.Entry<Class<?>, Set<String>> e : seen.entrySet()) {
            Set<String> expected = Arrays.stream(e.getKey().getRecordComponents())
                    .map(ProtocolCodecRoundTripTest::wireName)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            assertEquals(expected, e.getValue(), "fields of " + e.getKey().getSimpleName() + " seen on the wire");
        }
    }

    @Test
    void absentOptionalFieldsAreLeftOutRatherThanSentAsNull() {
        for (Object message : MessageSamples.all()) {
            String json = message instanceof ClientMessage c ? CODEC.encode(c) : CODEC.encode((ServerMessage) message);
            assertFalse(containsNull(JsonParser.parseString(json)), "no JSON null in " + json);
        }
    }

    private static void assertWellFormed(String json, Class<?> type) {
        String wireName = type.getAnnotation(WireType.class).value();
        assertTrue(json.startsWith("{\"type\":\"" + wireName + "\""), "type comes first: " + json);
        JsonObject object = JsonParser.parseString(json).getAsJsonObject();
        assertEquals("type", object.keySet().iterator().next());
        assertEquals(wireName, object.get("type").getAsString());
        assertFalse(json.contains("\n") || json.contains("\r"), "a frame never contains a raw line break: " + json);
    }

    private static void collectKeys(Class<?> recordClass, JsonObject object, Map<Class<?>, Set<String>> seen) {
        seen.computeIfAbsent(recordClass, k -> new HashSet<>()).addAll(object.keySet());
        for (RecordComponent rc : recordClass.getRecordComponents()) {
            Class<?> element = listElementRecord(rc.getGenericType());
            JsonElement value = object.get(wireName(rc));
            if (element == null || value == null) continue;
            JsonArray array = value.getAsJsonArray();
            for (JsonElement item : array) collectKeys(element, item.getAsJsonObject(), seen);
        }
    }

    private static Class<?> listElementRecord(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        return null;
    }

    private static String wireName(RecordComponent rc) {
        try {
            SerializedName named = rc.getDeclaringRecord().getDeclaredField(rc.getName()).getAnnotation(SerializedName.class);
            if (named != null) return named.value();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
        return rc.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    private static boolean containsNull(JsonElement e) {
        if (e.isJsonNull()) return true;
        if (e.isJsonArray()) {
            for (JsonElement item : e.getAsJsonArray()) if (containsNull(item)) return true;
        }
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> f : e.getAsJsonObject().entrySet()) if (containsNull(f.getValue())) return true;
        }
        return false;
    }

    private static String label(Object message) {
        String s = message.toString();
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
