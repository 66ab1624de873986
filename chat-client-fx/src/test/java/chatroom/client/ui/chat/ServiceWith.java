package chatroom.client.ui.chat;

import chatroom.client.service.ChatService;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Function;

/**
 * A {@link ChatService} that answers one method itself and passes every other call to another
 * service, typically a {@code FakeChatService} (which is final). A proxy rather than a delegating
 * class, so a method added to the interface does not break these tests.
 */
final class ServiceWith {
    private ServiceWith() {}

    static ChatService override(ChatService base, String method, Function<Object[], Object> answer) {
        return (ChatService) Proxy.newProxyInstance(ChatService.class.getClassLoader(), new Class<?>[] {ChatService.class},
                (proxy, m, args) -> {
                    if (m.getName().equals(method)) return answer.apply(args);
                    try {
                        return m.invoke(base, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
