package chatroom.common.codec;

import chatroom.common.protocol.WireType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wire names of one direction's message records, read from the sealed interface's permitted
 * subclasses and their {@link WireType}, so a record added to the interface is known to the codec
 * without further registration.
 *
 * @param <T> the sealed message interface
 */
public final class MessageTypes<T> {
    private final Map<String, Class<? extends T>> byName;
    private final Map<Class<?>, String> byClass;

    /** Reads the permitted subclasses of {@code sealedInterface}. */
    public MessageTypes(Class<T> sealedInterface) {
        if (!sealedInterface.isSealed()) throw new IllegalArgumentException(sealedInterface + " is not sealed");
        Map<String, Class<? extends T>> names = new LinkedHashMap<>();
        Map<Class<?>, String> classes = new LinkedHashMap<>();
        for (Class<?> sub : sealedInterface.getPermittedSubclasses()) {
            WireType wire = sub.getAnnotation(WireType.class);
            if (wire == null) throw new IllegalStateException(sub.getName() + " has no @WireType");
            if (names.containsKey(wire.value())) {
                throw new IllegalStateException("two " + sealedInterface.getSimpleName() + " records use type '" + wire.value() + "'");
            }
            names.put(wire.value(), sub.asSubclass(sealedInterface));
            classes.put(sub, wire.value());
        }
        this.byName = Collections.unmodifiableMap(names);
        this.byClass = Collections.unmodifiableMap(classes);
    }

    /** The record class for a wire name, or null when unknown. */
    public Class<? extends T> classOf(String wireName) {
        return byName.get(wireName);
    }

    /** The wire name of a record class. */
    public String nameOf(Class<?> type) {
        String name = byClass.get(type);
        if (name == null) throw new IllegalArgumentException("not a message record: " + type);
        return name;
    }

    /** All wire names, in declaration order. */
    public Map<String, Class<? extends T>> all() {
        return byName;
    }
}
