package chatroom.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.annotations.SerializedName;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The enums' wire names: what the codec writes ({@code @SerializedName}) and what code compares. */
class WireEnumsTest {

    @Test
    void roleWireNamesMatchTheContract() {
        assertEquals(List.of("user", "moderator", "admin"), Arrays.stream(Role.values()).map(Role::wireName).toList());
        for (Role r : Role.values()) assertEquals(serializedName(r), r.wireName());
    }

    @Test
    void statusWireNamesMatchTheContract() {
        assertEquals(List.of("online", "away", "busy", "offline"), Arrays.stream(Status.values()).map(Status::wireName).toList());
        for (Status s : Status.values()) assertEquals(serializedName(s), s.wireName());
    }

    @Test
    void memberChangeWireNamesMatchTheContract() {
        assertEquals("join", serializedName(MemberChange.JOIN));
        assertEquals("leave", serializedName(MemberChange.LEAVE));
        assertEquals(2, MemberChange.values().length);
    }

    @Test
    void roleParsesItsWireNamesOnly() {
        for (Role r : Role.values()) assertSame(r, Role.fromWire(r.wireName()));
        assertNull(Role.fromWire("Admin"));
        assertNull(Role.fromWire("ADMIN"));
        assertNull(Role.fromWire("root"));
        assertNull(Role.fromWire(""));
        assertNull(Role.fromWire(null));
    }

    @Test
    void onlyModeratorsAndAdminsCanModerate() {
        assertFalse(Role.USER.canModerate());
        assertTrue(Role.MODERATOR.canModerate());
        assertTrue(Role.ADMIN.canModerate());
    }

    @Test
    void authorityGrowsInDeclarationOrder() {
        assertTrue(Role.USER.compareTo(Role.MODERATOR) < 0);
        assertTrue(Role.MODERATOR.compareTo(Role.ADMIN) < 0);
    }

    static String serializedName(Enum<?> constant) {
        try {
            return constant.getDeclaringClass().getField(constant.name()).getAnnotation(SerializedName.class).value();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }
}
