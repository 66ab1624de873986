package chatroom.server.room;

import chatroom.common.model.Names;
import chatroom.server.store.ChannelStore;
import chatroom.server.store.RoomRow;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The rooms loaded into memory, by name key. A room is loaded from the store the first time it is
 * needed and kept; the store stays the record of truth for membership and topic, and every change
 * is written there before it is applied here.
 */
public final class RoomRegistry {
    private final ChannelStore channels;
    private final ConcurrentMap<String, LiveRoom> rooms = new ConcurrentHashMap<>();

    /** Loads rooms from {@code channels}. */
    public RoomRegistry(ChannelStore channels) {
        this.channels = channels;
    }

    /** The room named {@code name}, if it exists. */
    public Optional<LiveRoom> find(String name) throws SQLException {
        String key = Names.key(name);
        LiveRoom room = rooms.get(key);
        if (room != null) return Optional.of(room);
        Optional<RoomRow> row = channels.findRoom(name);
        if (row.isEmpty()) return Optional.empty();
        return Optional.of(load(row.get()));
    }

    /** The rooms loaded so far. */
    public Collection<LiveRoom> loaded() {
        return rooms.values();
    }

    /** The loaded room for a stored row, loading it if needed. */
    public LiveRoom load(RoomRow row) throws SQLException {
        LiveRoom room = rooms.get(row.key());
        if (room != null) return room;
        // Loaded outside any lock; if two threads race, the first one stored wins.
        LiveRoom fresh = new LiveRoom(row.id(), row.name(), row.topic(), channels.memberIds(row.id()));
        LiveRoom earlier = rooms.putIfAbsent(row.key(), fresh);
        return earlier != null ? earlier : fresh;
    }
}
