package dev.quarterdeck.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A reason asked inline before a deliberate act (an abort, an override): whether it is open, what it asks, the
 * reason being typed, and whether there is one to send. A blank reason is no reason: nothing goes out without one.
 * Its owner decides what the reason is for and sends it.
 */
public final class ReasonPrompt {
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper prompt = new ReadOnlyStringWrapper("");
    private final StringProperty reason = new SimpleStringProperty("");
    private final BooleanBinding canSend = Bindings.createBooleanBinding(
            () -> open.get() && reason.get() != null && !reason.get().isBlank(), open, reason);

    ReasonPrompt() {}

    /** Opens the prompt afresh, with nothing typed. */
    void open(String question) {
        reason.set("");
        prompt.set(question);
        open.set(true);
    }

    void close() {
        open.set(false);
        prompt.set("");
        reason.set("");
    }

    /** The typed reason, stripped; the prompt closes. Call only when {@link #canSendProperty()} holds. */
    String take() {
        String typed = reason.get().strip();
        close();
        return typed;
    }

    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    /** What it asks: "Abort the release: … Why?". */
    public ReadOnlyStringProperty promptProperty() {
        return prompt.getReadOnlyProperty();
    }

    /** The reason being typed; bound to the field. */
    public StringProperty reasonProperty() {
        return reason;
    }

    /** True while open with a reason that is not blank. */
    public BooleanBinding canSendProperty() {
        return canSend;
    }
}
