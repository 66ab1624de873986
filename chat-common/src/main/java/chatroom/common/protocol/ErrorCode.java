package chatroom.common.protocol;

import com.google.gson.annotations.SerializedName;

/** The {@code code} of an {@code error} frame. The wire names are part of the protocol contract. */
public enum ErrorCode {
    /** The frame is not valid JSON, or a field is missing, of the wrong type or out of range. */
    @SerializedName("bad_request") BAD_REQUEST,
    /** The {@code type} is not one this server knows; the connection stays open. */
    @SerializedName("unknown_type") UNKNOWN_TYPE,
    /** The frame is longer than the server's limit; the connection is closed. */
    @SerializedName("frame_too_large") FRAME_TOO_LARGE,
    /** The request needs a logged-in session. */
    @SerializedName("not_authenticated") NOT_AUTHENTICATED,
    /** No {@code register} or {@code login} arrived in time; the connection is closed. */
    @SerializedName("auth_timeout") AUTH_TIMEOUT,
    /** Unknown user or wrong password (the server does not say which). */
    @SerializedName("bad_credentials") BAD_CREDENTIALS,
    /** The name is already registered (case-insensitively). */
    @SerializedName("user_exists") USER_EXISTS,
    /** The user or room name breaks the naming rules. */
    @SerializedName("invalid_name") INVALID_NAME,
    /** The password is too short. */
    @SerializedName("weak_password") WEAK_PASSWORD,
    /** The account is banned; {@code reason} and {@code until} say why and how long. */
    @SerializedName("banned") BANNED,
    /** The sender's role does not allow the request. */
    @SerializedName("forbidden") FORBIDDEN,
    /** The named user does not exist. */
    @SerializedName("no_such_user") NO_SUCH_USER,
    /** The named room does not exist. */
    @SerializedName("no_such_room") NO_SUCH_ROOM,
    /** The sender is not a member of the room. */
    @SerializedName("not_member") NOT_MEMBER,
    /** Too many requests; {@code retry_after_ms} says when to try again. */
    @SerializedName("rate_limited") RATE_LIMITED,
    /** The client did not read its frames fast enough; the connection is closed. */
    @SerializedName("slow_consumer") SLOW_CONSUMER,
    /** The server is shutting down. */
    @SerializedName("server_shutdown") SERVER_SHUTDOWN;

    /** The name used on the wire, e.g. {@code bad_request}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
