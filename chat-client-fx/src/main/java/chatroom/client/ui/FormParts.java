package chatroom.client.ui;

import javafx.beans.binding.StringBinding;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/** The small pieces every form shares, so the login and password forms look and behave alike. */
public final class FormParts {
    private FormParts() {
    }

    /** A muted caption above a field. */
    public static Label caption(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("muted");
        label.setPadding(new Insets(6, 0, 0, 0));
        return label;
    }

    /** A field's problem, shown only while there is one, wrapped and never squeezed. */
    public static Node fieldError(StringBinding problem) {
        Label label = new Label();
        label.getStyleClass().add("field-error");
        label.textProperty().bind(problem);
        label.visibleProperty().bind(problem.isNotNull());
        label.managedProperty().bind(label.visibleProperty());
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }
}
