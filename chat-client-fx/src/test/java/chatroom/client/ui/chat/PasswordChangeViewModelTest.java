package chatroom.client.ui.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatroom.client.service.RequestFailedException;
import chatroom.client.testing.FakeChatService;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ErrorReply;
import chatroom.common.protocol.RegisterRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PasswordChangeViewModelTest {
    private static final String OLD = "old-secret";
    private static final String NEW = "new-secret-1";

    private final FakeChatService service = new FakeChatService();
    private final PasswordChangeViewModel vm = new PasswordChangeViewModel(service);

    private void fill(String current, String next, String repeat) {
        vm.currentProperty().set(current);
        vm.newPasswordProperty().set(next);
        vm.repeatProperty().set(repeat);
    }

    // ---- validation as you type ----------------------------------------------------------------

    @Test
    void anEmptyFormShowsNoErrorsButCannotBeSubmitted() {
        assertNull(vm.currentErrorBinding().get());
        assertNull(vm.newErrorBinding().get());
        assertNull(vm.repeatErrorBinding().get());
        assertFalse(vm.canSubmitBinding().get());
        vm.submit();
        assertTrue(service.calls.isEmpty());
    }

    @Test
    void aCompleteValidFormCanBeSubmitted() {
        fill(OLD, NEW, NEW);
        assertNull(vm.newErrorBinding().get());
        assertNull(vm.repeatErrorBinding().get());
        assertTrue(vm.canSubmitBinding().get());
    }

    @Test
    void theNewPasswordNeedsAtLeastTheMinimumNumberOfCharacters() {
        fill(OLD, "x".repeat(RegisterRequest.MIN_PASSWORD - 1), "x".repeat(RegisterRequest.MIN_PASSWORD - 1));
        assertEquals("Use at least 8 characters.", vm.newErrorBinding().get());
        assertFalse(vm.canSubmitBinding().get());
        vm.newPasswordProperty().set("x".repeat(RegisterRequest.MIN_PASSWORD));
        vm.repeatProperty().set("x".repeat(RegisterRequest.MIN_PASSWORD));
        assertNull(vm.newErrorBinding().get());
        assertTrue(vm.canSubmitBinding().get());
    }

    @Test
    void charactersAreCountedAsCodePointsNotUtf16Units() {
        // Four emoji are eight UTF-16 units but four characters: too short, as the server counts.
        String emoji = "\uD83D\uDD11".repeat(4);
        fill(OLD, emoji, emoji);
        assertNotNull(vm.newErrorBinding().get());
    }

    @Test
    void theNewPasswordMayNotExceedTheByteLimitInUtf8() {
        // 513 two-byte letters are 1026 bytes: within the limit in characters, over it in bytes.
        String tooLong = "é".repeat(RegisterRequest.MAX_PASSWORD_BYTES / 2 + 1);
        fill(OLD, tooLong, tooLong);
        assertTrue(vm.newErrorBinding().get().contains("1024 bytes"), vm.newErrorBinding().get());
        assertFalse(vm.canSubmitBinding().get());
        String justFits = "é".repeat(RegisterRequest.MAX_PASSWORD_BYTES / 2);
        fill(OLD, justFits, justFits);
        assertTrue(vm.canSubmitBinding().get());
    }

    @Test
    void anOverlongCurrentPasswordIsRefusedBeforeItIsSent() {
        fill("a".repeat(RegisterRequest.MAX_PASSWORD_BYTES + 1), NEW, NEW);
        assertNotNull(vm.currentErrorBinding().get());
        assertFalse(vm.canSubmitBinding().get());
    }

    @Test
    void theRepeatMustMatchTheNewPassword() {
        fill(OLD, NEW, NEW + "x");
        assertEquals("The passwords do not match.", vm.repeatErrorBinding().get());
        assertFalse(vm.canSubmitBinding().get());
        // Editing the new password to match clears the error too.
        vm.newPasswordProperty().set(NEW + "x");
        assertNull(vm.repeatErrorBinding().get());
        assertTrue(vm.canSubmitBinding().get());
    }

    @Test
    void aRepeatStillBeingTypedIsIncompleteRatherThanWrong() {
        fill(OLD, NEW, "");
        assertNull(vm.repeatErrorBinding().get());
        assertFalse(vm.canSubmitBinding().get());
    }

    @Test
    void theNewPasswordMustDifferFromTheCurrentOne() {
        fill(NEW, NEW, NEW);
        assertEquals("The new password must differ from the current one.", vm.newErrorBinding().get());
        assertFalse(vm.canSubmitBinding().get());
        // Fixing the current password (not the new one) clears it as well.
        vm.currentProperty().set(OLD);
        assertNull(vm.newErrorBinding().get());
    }

    @Test
    void theCurrentPasswordIsRequired() {
        fill("", NEW, NEW);
        assertFalse(vm.canSubmitBinding().get());
    }

    // ---- submitting ----------------------------------------------------------------------------

    @Test
    void aSuccessClearsTheFieldsAndSaysSo() {
        fill(OLD, NEW, NEW);
        vm.submit();
        var call = service.last("changePassword");
        assertEquals(List.of(OLD, NEW), call.args());
        assertTrue(vm.busyProperty().get());
        assertFalse(vm.canSubmitBinding().get());

        call.reply().complete(null);
        assertFalse(vm.busyProperty().get());
        assertEquals("Your password was changed.", vm.messageProperty().get());
        assertFalse(vm.failedProperty().get());
        assertEquals("", vm.currentProperty().get());
        assertEquals("", vm.newPasswordProperty().get());
        assertEquals("", vm.repeatProperty().get());
        // Cleared fields are incomplete, not wrong.
        assertNull(vm.newErrorBinding().get());
        assertNull(vm.repeatErrorBinding().get());
    }

    @Test
    void aFailureShowsTheServiceSentenceAndKeepsTheFields() {
        fill(OLD, NEW, NEW);
        vm.submit();
        service.last("changePassword").reply().completeExceptionally(RequestFailedException.local("You are offline. Try again once connected."));
        assertFalse(vm.busyProperty().get());
        assertTrue(vm.failedProperty().get());
        assertEquals("You are offline. Try again once connected.", vm.messageProperty().get());
        assertEquals(OLD, vm.currentProperty().get());
        assertEquals(NEW, vm.newPasswordProperty().get());
        assertTrue(vm.canSubmitBinding().get(), "a retry is possible");
    }

    @Test
    void aWrongCurrentPasswordIsSaidInTermsOfThisForm() {
        fill(OLD, NEW, NEW);
        vm.submit();
        // The login sentence for bad credentials mentions the user name, which this form does not have.
        service.last("changePassword").reply().completeExceptionally(new RequestFailedException(
                ErrorReply.of("r1", ErrorCode.BAD_CREDENTIALS, "The current password is wrong; the password was not changed."),
                "The user name or password is wrong."));
        assertTrue(vm.failedProperty().get());
        assertEquals(PasswordChangeViewModel.WRONG_CURRENT, vm.messageProperty().get());
    }

    @Test
    void aWeakPasswordRefusalShowsTheServerSentence() {
        fill(OLD, NEW, NEW);
        vm.submit();
        service.last("changePassword").reply().completeExceptionally(new RequestFailedException(
                ErrorReply.of("r1", ErrorCode.WEAK_PASSWORD, "too short"), "Choose a password of at least 8 characters."));
        assertEquals("Choose a password of at least 8 characters.", vm.messageProperty().get());
    }

    @Test
    void aSecondSubmitWhileTheFirstIsUnderWayIsIgnored() {
        fill(OLD, NEW, NEW);
        vm.submit();
        vm.submit();
        assertEquals(1, service.calls("changePassword").size());
        service.last("changePassword").reply().complete(null);
        // Once answered (and the fields cleared), nothing is resent either.
        vm.submit();
        assertEquals(1, service.calls("changePassword").size());
    }

    @Test
    void aFailedFutureReturnedAtOnceLeavesTheFormUsable() {
        // The real service refuses some input before sending, with an already failed future.
        var immediate = new PasswordChangeViewModel(ServiceWith.override(service, "changePassword",
                args -> CompletableFuture.failedFuture(RequestFailedException.local("Refused at once."))));
        immediate.currentProperty().set(OLD);
        immediate.newPasswordProperty().set(NEW);
        immediate.repeatProperty().set(NEW);
        immediate.submit();
        assertFalse(immediate.busyProperty().get());
        assertEquals("Refused at once.", immediate.messageProperty().get());
    }

    @Test
    void typingAgainClearsTheLastAnswer() {
        fill(OLD, NEW, NEW);
        vm.submit();
        service.last("changePassword").reply().completeExceptionally(RequestFailedException.local("Nope."));
        assertEquals("Nope.", vm.messageProperty().get());
        vm.currentProperty().set(OLD + "!");
        assertEquals("", vm.messageProperty().get());
    }
}
