package chatroom.client.ui;

import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import javafx.scene.image.Image;

/**
 * The application icon at every size the build renders from {@code src/packaging/icons/chatroom.svg};
 * a window that lists them all lets the desktop pick the sharpest one for its title bar, task bar
 * and window switcher, whatever their scale.
 */
public final class AppIcon {
    /** The sizes in {@code resources/chatroom/client/icons}, in pixels. */
    static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256, 512};

    private AppIcon() {
    }

    /** The icons, smallest first; a size missing from the build is left out rather than failing the window. */
    public static List<Image> all() {
        return IntStream.of(SIZES)
                .mapToObj(size -> AppIcon.class.getResource("/chatroom/client/icons/chatroom-" + size + ".png"))
                .filter(Objects::nonNull)
                .map(url -> new Image(url.toExternalForm()))
                .toList();
    }
}
