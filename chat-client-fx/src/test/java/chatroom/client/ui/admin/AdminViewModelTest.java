package chatroom.client.ui.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.client.service.RequestFailedException;
import chatroom.client.testing.FakeChatService;
import chatroom.common.model.Role;
import chatroom.common.model.Status;
import chatroom.common.protocol.BanInfo;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ErrorReply;
import chatroom.common.protocol.Fields;
import chatroom.common.protocol.UserInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AdminViewModelTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final List<UserInfo> USERS = List.of(
            new UserInfo("alice", Status.ONLINE, Role.ADMIN),
            new UserInfo("bob", Status.AWAY, Role.USER),
            new UserInfo("carol", Status.OFFLINE, Role.MODERATOR));
    private static final List<BanInfo> BANS = List.of(
            new BanInfo("mallory", "alice", "spam", T0, null),
            new BanInfo("trudy", "carol", null, T0, T0.plusSeconds(3600)));
    private static final String NOT_ALLOWED = "You are not allowed to do that. Only admins may change roles.";

    private final FakeChatService service = new FakeChatService();
    private AdminViewModel vm = new AdminViewModel(service, Role.ADMIN);

    private static RequestFailedException forbidden() {
        return new RequestFailedException(ErrorReply.of("r1", ErrorCode.FORBIDDEN, "Only admins may change roles."), NOT_ALLOWED);
    }

    /** Answers the users and bans requests of the latest refresh. */
    private void answerRefresh() {
        service.last("users").reply().complete(USERS);
        service.last("bans").reply().complete(BANS);
    }

    // ---- refresh ----------------------------------------------------------------------------

    @Test
    void refreshFillsUsersAndBans() {
        CompletableFuture<Void> done = vm.refresh();
        assertTrue(vm.busyProperty().get());
        assertFalse(done.isDone());
        answerRefresh();
        assertEquals(USERS, vm.users());
        assertEquals(BANS, vm.bans());
        assertFalse(vm.busyProperty().get());
        assertTrue(done.isDone());
        assertFalse(vm.failedProperty().get());
    }

    @Test
    void refreshStaysBusyUntilBothListsHaveArrived() {
        vm.refresh();
        service.last("users").reply().complete(USERS);
        assertEquals(USERS, vm.users());
        assertTrue(vm.busyProperty().get());
        service.last("bans").reply().complete(BANS);
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void aRefreshReplacesTheListsRatherThanAddingToThem() {
        vm.refresh();
        answerRefresh();
        vm.refresh();
        service.last("users").reply().complete(USERS.subList(0, 1));
        service.last("bans").reply().complete(List.of());
        assertEquals(USERS.subList(0, 1), vm.users());
        assertTrue(vm.bans().isEmpty());
    }

    @Test
    void aRefusedRefreshShowsTheSentence() {
        vm.refresh();
        service.last("users").reply().complete(USERS);
        service.last("bans").reply().completeExceptionally(forbidden());
        assertEquals(NOT_ALLOWED, vm.resultProperty().get());
        assertTrue(vm.failedProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    // ---- kick, unban, role ------------------------------------------------------------------------

    @Test
    void kickPassesTheUserAndTrimmedReasonReportsAndRefreshes() {
        vm.kick("bob", "  spam  ");
        assertEquals(List.of("bob", "spam"), service.last("kick").args());
        assertTrue(vm.busyProperty().get());
        assertTrue(service.calls("users").isEmpty(), "nothing is refreshed before the server answers");

        service.last("kick").reply().complete(null);
        assertEquals("Kicked bob.", vm.resultProperty().get());
        assertFalse(vm.failedProperty().get());
        assertEquals(1, service.calls("users").size());
        assertEquals(1, service.calls("bans").size());
        answerRefresh();
        assertEquals(USERS, vm.users());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void aBlankKickReasonIsSentAsNoReason() {
        vm.kick("bob", "   ");
        vm.kick("carol", null);
        // The fake records a missing reason as "".
        assertEquals(List.of("bob", ""), service.calls("kick").get(0).args());
        assertEquals(List.of("carol", ""), service.calls("kick").get(1).args());
    }

    @Test
    void unbanPassesTheUserReportsAndRefreshes() {
        vm.unban("mallory");
        assertEquals(List.of("mallory"), service.last("unban").args());
        service.last("unban").reply().complete(null);
        assertEquals("Unbanned mallory.", vm.resultProperty().get());
        assertFalse(vm.failedProperty().get());
        assertEquals(1, service.calls("users").size());
        assertEquals(1, service.calls("bans").size());
    }

    @ParameterizedTest
    @CsvSource({
            "MODERATOR, bob is now a moderator.",
            "ADMIN,     bob is now an admin.",
            "USER,      bob is now a user."})
    void changeRolePassesTheRoleReportsAndRefreshes(Role role, String sentence) {
        vm.changeRole("bob", role);
        assertEquals(List.of("bob", role), service.last("role").args());
        service.last("role").reply().complete(null);
        assertEquals(sentence, vm.resultProperty().get());
        assertFalse(vm.failedProperty().get());
        assertEquals(1, service.calls("users").size());
        assertEquals(1, service.calls("bans").size());
    }

    @Test
    void aRefusalShowsTheSentenceMarksItFailedAndRefreshesNothing() {
        CompletableFuture<Void> done = vm.changeRole("bob", Role.ADMIN);
        service.last("role").reply().completeExceptionally(forbidden());
        assertEquals(NOT_ALLOWED, vm.resultProperty().get());
        assertTrue(vm.failedProperty().get());
        assertFalse(vm.busyProperty().get());
        assertTrue(done.isCompletedExceptionally());
        assertTrue(service.calls("users").isEmpty());
        assertTrue(service.calls("bans").isEmpty());
    }

    @Test
    void aSuccessAfterARefusalIsNoLongerShownAsFailed() {
        vm.kick("bob", null);
        service.last("kick").reply().completeExceptionally(forbidden());
        assertTrue(vm.failedProperty().get());
        vm.unban("mallory");
        service.last("unban").reply().complete(null);
        assertFalse(vm.failedProperty().get());
        assertEquals("Unbanned mallory.", vm.resultProperty().get());
    }

    @Test
    void aFailureOnOurSideOfTheWireIsReportedToo() {
        vm.kick("bob", null);
        service.last("kick").reply().completeExceptionally(RequestFailedException.local("You are offline."));
        assertEquals("You are offline.", vm.resultProperty().get());
        assertTrue(vm.failedProperty().get());
    }

    // ---- ban ------------------------------------------------------------------------------------

    @Test
    void aBanWithoutMinutesLastsUntilUnbanned() {
        assertEquals(Optional.empty(), vm.ban("bob", " spam ", null));
        assertEquals(List.of("bob", "spam", -1L), service.last("ban").args(), "the fake records null minutes as -1");
        assertEquals("", vm.resultProperty().get(), "nothing is reported before the server answers");
        service.last("ban").reply().complete(null);
        assertEquals("Banned bob until unbanned.", vm.resultProperty().get());
        assertFalse(vm.failedProperty().get());
        assertEquals(1, service.calls("users").size());
        assertEquals(1, service.calls("bans").size());
    }

    @ParameterizedTest
    @CsvSource({
            "1,    Banned bob for 1 minute.",
            "45,   Banned bob for 45 minutes.",
            "60,   Banned bob for 1 hour.",
            "90,   Banned bob for 90 minutes.",
            "120,  Banned bob for 2 hours.",
            "1440, Banned bob for 1 day.",
            "10080, Banned bob for 7 days."})
    void aTimedBanSaysHowLong(long minutes, String sentence) {
        assertEquals(Optional.empty(), vm.ban("bob", null, minutes));
        assertEquals(List.of("bob", "", minutes), service.last("ban").args());
        service.last("ban").reply().complete(null);
        assertEquals(sentence, vm.resultProperty().get());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -5})
    void aBanOfNoMinutesIsRefusedWithoutAskingTheServer(long minutes) {
        Optional<String> problem = vm.ban("bob", "spam", minutes);
        assertTrue(problem.isPresent());
        assertEquals("A ban lasts at least one minute; choose \"until unbanned\" for a permanent ban.", problem.get());
        assertEquals(problem.get(), vm.resultProperty().get());
        assertTrue(vm.failedProperty().get());
        assertTrue(service.calls("ban").isEmpty());
    }

    @Test
    void aBanReasonOverTheLimitIsRefusedWithoutAskingTheServer() {
        Optional<String> problem = vm.ban("bob", "x".repeat(Fields.MAX_SHORT_TEXT + 1), 60L);
        assertEquals(Optional.of("Keep the reason under 500 characters."), problem);
        assertTrue(vm.failedProperty().get());
        assertTrue(service.calls("ban").isEmpty());

        assertEquals(Optional.empty(), vm.ban("bob", "x".repeat(Fields.MAX_SHORT_TEXT), 60L));
        assertEquals(1, service.calls("ban").size());
    }

    @Test
    void aRefusedBanShowsTheSentence() {
        vm.ban("alice", null, 60L);
        service.last("ban").reply().completeExceptionally(forbidden());
        assertEquals(NOT_ALLOWED, vm.resultProperty().get());
        assertTrue(vm.failedProperty().get());
        assertTrue(service.calls("users").isEmpty());
    }

    // ---- what each role may do --------------------------------------------------------------------

    @Test
    void onlyAnAdminCanChangeRolesAndMayAssignEveryRole() {
        assertTrue(vm.canChangeRoles());
        assertTrue(vm.canModerate());
        assertEquals(List.of(Role.USER, Role.MODERATOR, Role.ADMIN), vm.assignableRoles());
    }

    @Test
    void aModeratorMayModerateButGetsNoAssignableRoles() {
        vm = new AdminViewModel(service, Role.MODERATOR);
        assertFalse(vm.canChangeRoles());
        assertTrue(vm.canModerate());
        assertTrue(vm.assignableRoles().isEmpty());
    }

    @Test
    void anOrdinaryUserMayNeitherModerateNorChangeRoles() {
        vm = new AdminViewModel(service, Role.USER);
        assertFalse(vm.canChangeRoles());
        assertFalse(vm.canModerate());
        assertTrue(vm.assignableRoles().isEmpty());
    }
}
