package chatroom.common.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.annotations.SerializedName;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void errorCodesAreExactlyThoseOfTheContract() {
        List<String> contract = List.of("bad_request", "unknown_type", "frame_too_large", "not_authenticated", "auth_timeout",
                "bad_credentials", "user_exists", "invalid_name", "weak_password", "banned", "forbidden", "no_such_user",
                "no_such_room", "not_member", "rate_limited", "slow_consumer", "server_shutdown");
        assertEquals(contract, Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName).toList());
    }

    @Test
    void wireNameIsWhatTheCodecWrites() throws NoSuchFieldException {
        for (ErrorCode code : ErrorCode.values()) {
            assertEquals(ErrorCode.class.getField(code.name()).getAnnotation(SerializedName.class).value(), code.wireName());
        }
    }
}
