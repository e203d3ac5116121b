package dev.quarterdeck.ui;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One standing banner under the top bar: whether it shows, its sentence, and a second line for what became of
 * the captain's last action on it ("asking for the lease…", or the engine's refusal). Written by its view model
 * only; banners are not dismissed, they go when the session says the condition is over.
 */
public final class Banner {
    private final ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Tone> detailTone = new ReadOnlyObjectWrapper<>(Tone.MUTED);
    private final Tone tone;

    Banner(Tone tone) {
        this.tone = tone;
    }

    /** How loud the banner is; fixed for its kind. */
    public Tone tone() {
        return tone;
    }

    public ReadOnlyBooleanProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Empty, or what became of the last action taken on the banner. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> detailToneProperty() {
        return detailTone.getReadOnlyProperty();
    }

    void show(String sentence) {
        text.set(sentence);
        shown.set(true);
    }

    void hide() {
        shown.set(false);
        detail.set("");
    }

    void detail(String line, Tone lineTone) {
        detail.set(line == null ? "" : line);
        detailTone.set(lineTone);
    }
}
