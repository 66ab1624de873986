package chatroom.client.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ErrorReply;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorTextsTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 11:00 on 21 November 2026 in Berlin (UTC+1 in winter). */
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private final ErrorTexts texts = new ErrorTexts(Clock.fixed(NOW, BERLIN));

    private static ErrorReply banned(String reason, Instant until) {
        return new ErrorReply("r1", ErrorCode.BANNED, "You are banned.", reason, until, null);
    }

    private static ErrorReply rateLimited(Long retryAfterMs) {
        return new ErrorReply("r1", ErrorCode.RATE_LIMITED, "Slow down.", null, null, retryAfterMs);
    }

    // ---- bans -----------------------------------------------------------------------------------

    @Test
    void aBanEndingLaterTodayGivesTheTimeOfDayInTheUsersZone() {
        assertEquals("You are banned until 14:30: spam.", texts.sentence(banned("spam", Instant.parse("2026-11-21T13:30:00Z"))));
    }

    @Test
    void aBanEndingAnotherDayGivesTheDateToo() {
        assertEquals("You are banned until 23 Nov 2026, 09:05: spam.",
                texts.sentence(banned("spam", Instant.parse("2026-11-23T08:05:00Z"))));
    }

    @Test
    void todayMeansTodayInTheUsersZoneNotInUtc() {
        // 23:30 UTC on the 21st is already 00:30 on the 22nd in Berlin.
        assertEquals("You are banned until 22 Nov 2026, 00:30.", texts.banned(null, Instant.parse("2026-11-21T23:30:00Z")));
        // And just after midnight in Berlin, a ban ending at 01:15 Berlin time is today although UTC is still on the 21st.
        ErrorTexts afterMidnight = new ErrorTexts(Clock.fixed(Instant.parse("2026-11-21T23:30:00Z"), BERLIN));
        assertEquals("You are banned until 01:15.", afterMidnight.banned(null, Instant.parse("2026-11-22T00:15:00Z")));
    }

    @Test
    void aPermanentBanSaysSo() {
        assertEquals("You are banned permanently: spam.", texts.sentence(banned("spam", null)));
        assertEquals("You are banned permanently.", texts.sentence(banned(null, null)));
    }

    @Test
    void aBlankBanReasonIsLeftOutAndASpacedOneIsTrimmed() {
        assertEquals("You are banned permanently.", texts.banned("   ", null));
        assertEquals("You are banned until 14:30: spam.", texts.banned("  spam \n", Instant.parse("2026-11-21T13:30:00Z")));
    }

    // ---- kicks ----------------------------------------------------------------------------------

    @Test
    void aKickNamesWhoAndWhy() {
        assertEquals("You were removed from the server by alice: spam.", texts.kicked("alice", "spam"));
    }

    @Test
    void aKickWithoutAReasonEndsAfterTheName() {
        assertEquals("You were removed from the server by alice.", texts.kicked("alice", null));
        assertEquals("You were removed from the server by alice.", texts.kicked("alice", "  "));
    }

    @Test
    void aKickByNobodyInParticularStillReadsAsASentence() {
        assertEquals("You were removed from the server.", texts.kicked(null, null));
        assertEquals("You were removed from the server: idle too long.", texts.kicked(null, " idle too long "));
    }

    // ---- rate limits ----------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
            "1500, You are going too fast. Try again in 2 seconds.",
            "1000, You are going too fast. Try again in 1 second.",
            "1,    You are going too fast. Try again in 1 second.",
            "2001, You are going too fast. Try again in 3 seconds.",
            "60000, You are going too fast. Try again in 60 seconds."})
    void aRateLimitRoundsTheWaitUpToWholeSeconds(long retryAfterMs, String sentence) {
        assertEquals(sentence, texts.sentence(rateLimited(retryAfterMs)));
    }

    @Test
    void aRateLimitWithoutAWaitAsksForAMoment() {
        assertEquals("You are going too fast. Try again in a moment.", texts.sentence(rateLimited(null)));
        assertEquals("You are going too fast. Try again in a moment.", texts.sentence(rateLimited(0L)));
    }

    // ---- every code ---------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyErrorCodeGivesASentence(ErrorCode code) {
        String sentence = texts.sentence(ErrorReply.of("r1", code, "The server says why."));
        assertNotNull(sentence);
        assertFalse(sentence.isBlank(), code + " gave a blank sentence");
        assertFalse(sentence.contains("null"), sentence);
    }

    @Test
    void ourOwnSentencesWinOverTheServersForWhatTheUserJustDid() {
        assertEquals("The user name or password is wrong.",
                texts.sentence(ErrorReply.of("r1", ErrorCode.BAD_CREDENTIALS, "bad_credentials")));
        assertEquals("That name is taken. Pick another one, or log in if it is yours.",
                texts.sentence(ErrorReply.of("r1", ErrorCode.USER_EXISTS, "exists")));
    }

    @Test
    void theServersWordsAreUsedWhereOnlyItKnowsTheDetail() {
        assertEquals("There is no user called zed.",
                texts.sentence(ErrorReply.of("r1", ErrorCode.NO_SUCH_USER, "There is no user called zed.")));
        assertEquals("The server could not handle the request: The field 'id' is required.",
                texts.sentence(ErrorReply.of("r1", ErrorCode.BAD_REQUEST, "The field 'id' is required.")));
        assertEquals("You are not allowed to do that. Only admins may change roles.",
                texts.sentence(ErrorReply.of("r1", ErrorCode.FORBIDDEN, "Only admins may change roles.")));
    }
}
