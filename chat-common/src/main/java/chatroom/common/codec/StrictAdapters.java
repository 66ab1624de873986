package chatroom.common.codec;

import com.google.gson.Gson;
import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.annotations.SerializedName;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * Scalar adapters that accept only the JSON type the protocol names: Gson's defaults would read
 * {@code "5"} as a number and {@code 5} as a string, which hides client bugs.
 */
final class StrictAdapters {
    /** {@code 2026-11-21T10:15:30.123Z}: UTC with exactly three fraction digits. */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private StrictAdapters() {
    }

    static JsonSyntaxException wrongType(JsonReader in, String expected) throws IOException {
        return new JsonSyntaxException("The field '" + fieldName(in.getPath()) + "' must be " + expected
                + ", not " + describe(in.peek()) + ".");
    }

    private static String fieldName(String path) {
        int dot = path.lastIndexOf('.');
        return dot >= 0 ? path.substring(dot + 1) : path;
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case BEGIN_ARRAY -> "an array";
            case BEGIN_OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            default -> token.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static final TypeAdapter<String> STRING = new TypeAdapter<>() {
        @Override
        public void write(JsonWriter out, String value) throws IOException {
            out.value(value);
        }

        @Override
        public String read(JsonReader in) throws IOException {
            JsonToken token = in.peek();
            if (token == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            if (token != JsonToken.STRING) throw wrongType(in, "a string");
            String path = in.getPath();
            String value = in.nextString();
            // JSON can escape half a surrogate pair ("\ud800"), UTF-8 cannot carry it: relayed,
            // it would arrive as '?', so an id would no longer match its reply.
            if (chatroom.common.protocol.Fields.hasUnpairedSurrogate(value)) {
                throw new JsonSyntaxException("The field '" + fieldName(path) + "' holds half of a surrogate pair, which is not text.");
            }
            return value;
        }
    };

    static final TypeAdapter<Long> LONG = new TypeAdapter<>() {
        @Override
        public void write(JsonWriter out, Long value) throws IOException {
            if (value == null) out.nullValue();
            else out.value(value.longValue());
        }

        @Override
        public Long read(JsonReader in) throws IOException {
            JsonToken token = in.peek();
            if (token == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            if (token != JsonToken.NUMBER) throw wrongType(in, "a whole number");
            String path = in.getPath();
            String text = in.nextString();
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new JsonSyntaxException("The field '" + fieldName(path) + "' must be a whole number within 64 bits, not " + abbreviate(text) + ".");
            }
        }
    };

    static final TypeAdapter<Integer> INT = new TypeAdapter<>() {
        @Override
        public void write(JsonWriter out, Integer value) throws IOException {
            if (value == null) out.nullValue();
            else out.value(value.intValue());
        }

        @Override
        public Integer read(JsonReader in) throws IOException {
            String path = in.getPath();
            Long value = LONG.read(in);
            if (value == null) return null;
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw new JsonSyntaxException("The field '" + fieldName(path) + "' is out of range.");
            }
            return value.intValue();
        }
    };

    static final TypeAdapter<Instant> INSTANT = new TypeAdapter<>() {
        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            if (value == null) out.nullValue();
            else out.value(TIMESTAMP.format(value.truncatedTo(ChronoUnit.MILLIS)));
        }

        @Override
        public Instant read(JsonReader in) throws IOException {
            JsonToken token = in.peek();
            if (token == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            if (token != JsonToken.STRING) throw wrongType(in, "an ISO-8601 timestamp string");
            String path = in.getPath();
            String text = in.nextString();
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new JsonSyntaxException("The field '" + fieldName(path) + "' must be an ISO-8601 UTC timestamp such as 2026-11-21T10:15:30.123Z.");
            }
        }
    };

    /**
     * Enums by their {@link SerializedName} only. Gson's own adapter also accepts the Java constant
     * name ({@code "ONLINE"}) and reads numbers as strings. A string that names no constant reads as
     * null, so the record's constructor can say which values are allowed.
     */
    static final TypeAdapterFactory ENUMS = new TypeAdapterFactory() {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            Class<?> raw = type.getRawType();
            if (!Enum.class.isAssignableFrom(raw) || raw == Enum.class) return null;
            if (!raw.isEnum()) raw = raw.getSuperclass(); // a constant with a body
            Map<String, Enum<?>> byName = new HashMap<>();
            Map<Enum<?>, String> names = new HashMap<>();
            for (Object constant : raw.getEnumConstants()) {
                Enum<?> e = (Enum<?>) constant;
                SerializedName annotation;
                try {
                    annotation = raw.getField(e.name()).getAnnotation(SerializedName.class);
                } catch (NoSuchFieldException impossible) {
                    throw new AssertionError(impossible);
                }
                String name = annotation == null ? e.name() : annotation.value();
                byName.put(name, e);
                names.put(e, name);
            }
            return (TypeAdapter<T>) new TypeAdapter<Enum>() {
                @Override
                public void write(JsonWriter out, Enum value) throws IOException {
                    if (value == null) out.nullValue();
                    else out.value(names.get(value));
                }

                @Override
                public Enum read(JsonReader in) throws IOException {
                    JsonToken token = in.peek();
                    if (token == JsonToken.NULL) {
                        in.nextNull();
                        return null;
                    }
                    if (token != JsonToken.STRING) throw wrongType(in, "a string");
                    return byName.get(in.nextString());
                }
            };
        }
    };

    private static String abbreviate(String text) {
        return text.length() <= 24 ? text : text.substring(0, 20) + "…";
    }
}
