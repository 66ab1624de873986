package chatroom.server.store;

import chatroom.common.model.Names;
import chatroom.common.model.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rooms, direct conversations and room membership in the database. */
public final class ChannelStore {
    private static final String ROOM_COLUMNS = "id, name, key, topic, last_seq";
    private final Database db;

    /** Uses {@code db}. */
    public ChannelStore(Database db) {
        this.db = db;
    }

    /** The result of {@link #join}: the room and whether the user was not a member before. */
    public record JoinResult(RoomRow room, boolean newMember, boolean newRoom) {
    }

    /** The room whose name is the same as {@code name}. */
    public Optional<RoomRow> findRoom(String name) throws SQLException {
        String key = Names.key(name);
        return db.read(c -> findRoomByKey(c, key));
    }

    private static Optional<RoomRow> findRoomByKey(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + ROOM_COLUMNS + " FROM channels WHERE kind = 'room' AND key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(room(rs)) : Optional.empty();
            }
        }
    }

    /** Makes {@code userId} a member of the room {@code name}, creating the room if needed. */
    public JoinResult join(String name, long userId, Instant now) throws SQLException {
        String key = Names.key(name);
        return db.write(c -> {
            boolean newRoom = false;
            Optional<RoomRow> found = findRoomByKey(c, key);
            if (found.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO channels (kind, key, name, created_at) VALUES ('room', ?, ?, ?)")) {
                    ps.setString(1, key);
                    ps.setString(2, Names.normalize(name));
                    ps.setLong(3, now.toEpochMilli());
                    ps.executeUpdate();
                }
                newRoom = true;
                found = findRoomByKey(c, key);
            }
            RoomRow room = found.orElseThrow();
            int added;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR IGNORE INTO memberships (channel_id, user_id, joined_at) VALUES (?, ?, ?)")) {
                ps.setLong(1, room.id());
                ps.setLong(2, userId);
                ps.setLong(3, now.toEpochMilli());
                added = ps.executeUpdate();
            }
            return new JoinResult(room, added > 0, newRoom);
        });
    }

    /** Ends the membership; returns whether there was one. */
    public boolean leave(long roomId, long userId) throws SQLException {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM memberships WHERE channel_id = ? AND user_id = ?")) {
                ps.setLong(1, roomId);
                ps.setLong(2, userId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** The ids of the room's members. */
    public List<Long> memberIds(long roomId) throws SQLException {
        return db.read(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT user_id FROM memberships WHERE channel_id = ?")) {
                ps.setLong(1, roomId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
    }

    /** A room member: account id, display name and role. */
    public record Member(long id, String name, Role role) {
    }

    /** The room's members, by name. */
    public List<Member> members(long roomId) throws SQLException {
        return db.read(c -> {
            List<Member> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT u.id, u.name, u.role FROM memberships m "
                    + "JOIN users u ON u.id = m.user_id WHERE m.channel_id = ? ORDER BY u.name_key")) {
                ps.setLong(1, roomId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new Member(rs.getLong(1), rs.getString(2), Role.fromWire(rs.getString(3))));
                }
            }
            return out;
        });
    }

    /** The rooms {@code userId} is a member of, by name. */
    public List<RoomRow> roomsOf(long userId) throws SQLException {
        return db.read(c -> {
            List<RoomRow> rooms = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT c.id, c.name, c.key, c.topic, c.last_seq FROM channels c "
                    + "JOIN memberships m ON m.channel_id = c.id WHERE m.user_id = ? ORDER BY c.key")) {
                ps.setLong(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) rooms.add(room(rs));
                }
            }
            return rooms;
        });
    }

    /** The direct conversations of {@code userId} that have messages, by partner name. */
    public List<DmRow> dmsOf(long userId) throws SQLException {
        return db.read(c -> {
            List<DmRow> dms = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT c.id, u.name, c.last_seq FROM channels c "
                    + "JOIN users u ON u.id = CASE WHEN c.user_a = ? THEN c.user_b ELSE c.user_a END "
                    + "WHERE c.kind = 'dm' AND (c.user_a = ? OR c.user_b = ?) AND c.last_seq > 0 ORDER BY u.name_key")) {
                ps.setLong(1, userId);
                ps.setLong(2, userId);
                ps.setLong(3, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) dms.add(new DmRow(rs.getLong(1), rs.getString(2), rs.getLong(3)));
                }
            }
            return dms;
        });
    }

    /** The direct conversation between two users, if it exists. */
    public Optional<Long> dmChannel(long userA, long userB) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM channels WHERE key = ?")) {
                ps.setString(1, dmKey(userA, userB));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
    }

    static String dmKey(long a, long b) {
        return "dm:" + Math.min(a, b) + ":" + Math.max(a, b);
    }

    /** Sets a room's topic. */
    public void setTopic(long roomId, String topic) throws SQLException {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE channels SET topic = ? WHERE id = ?")) {
                ps.setString(1, topic);
                ps.setLong(2, roomId);
                return ps.executeUpdate();
            }
        });
    }

    /** A room with its member count, for {@code rooms}. */
    public record RoomSummary(String name, String topic, int members) {
    }

    /** Every room with its member count, by name. */
    public List<RoomSummary> allRooms() throws SQLException {
        return db.read(c -> {
            List<RoomSummary> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT c.name, c.topic, "
                    + "(SELECT COUNT(*) FROM memberships m WHERE m.channel_id = c.id) FROM channels c "
                    + "WHERE c.kind = 'room' ORDER BY c.key");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new RoomSummary(rs.getString(1), rs.getString(2), rs.getInt(3)));
            }
            return out;
        });
    }

    private static RoomRow room(ResultSet rs) throws SQLException {
        return new RoomRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5));
    }
}
