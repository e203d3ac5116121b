package dev.quarterdeck.ui;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.EnvironmentLock;
import dev.quarterdeck.rollout.ReleaseCommands;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.EnvironmentChecked;
import dev.quarterdeck.session.SessionEvent.InsecureTlsInUse;
import dev.quarterdeck.session.Subscription;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The standing banners under the top bar, each there for as long as its condition holds: TLS not verified
 * (never dismissed), read-only because another console holds the lease (with a take-over), locked until a named
 * person approves (with a way to record the approval), and a protected environment whose name has not been
 * typed (with the field to type it). Actions go out as commands and return at once; a banner goes only when the
 * session records that its condition is over, never because a button was pressed.
 */
public final class BannersViewModel implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final ReleaseCommands commands;
    private final Actor operator;
    private final ZoneId zone;
    private final WriteAccess access;
    private final Banner insecureTls = new Banner(Tone.WARNING);
    private final Banner readOnly = new Banner(Tone.WARNING);
    private final Banner locked = new Banner(Tone.WARNING);
    private final Banner protectedEnvironment = new Banner(Tone.DANGER);
    private final Set<String> insecureEndpoints = new LinkedHashSet<>();
    private final StringProperty takeOverReason = new SimpleStringProperty("");
    private final StringProperty approver = new SimpleStringProperty("");
    private final StringProperty approvalNote = new SimpleStringProperty("");
    private final StringProperty typedName = new SimpleStringProperty("");
    private final BooleanBinding canTakeOver = isBlank(takeOverReason).not();
    private final BooleanBinding canRecordApproval = isBlank(approver).not();
    private final BooleanBinding canConfirm;
    private boolean takingOver;
    private boolean insecureTlsInUse;
    private final Subscription subscription;

    public BannersViewModel(Environment environment, ReleaseCommands commands, Actor operator, ZoneId zone,
            FxBridge events) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.operator = Objects.requireNonNull(operator, "operator");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.access = new WriteAccess(environment);
        environment.lock().ifPresent(lock -> approver.set(lock.approver()));
        // The name typed exactly, as the engine checks it: the button stays off until then.
        canConfirm = Bindings.createBooleanBinding(
                () -> typedName.get() != null && typedName.get().strip().equals(environment.name()), typedName);
        refresh();
        subscription = events.listen(this::onEvents);
    }

    /** TLS certificates are not verified for some of the environment's endpoints. Cannot be dismissed. */
    public Banner insecureTls() {
        return insecureTls;
    }

    /** Another console holds the lease: this one watches. */
    public Banner readOnly() {
        return readOnly;
    }

    /** The environment's lock waits for its approver. */
    public Banner locked() {
        return locked;
    }

    /** A protected environment whose name has not been typed yet. */
    public Banner protectedEnvironment() {
        return protectedEnvironment;
    }

    /** Why the captain takes the lease over; recorded in the session. */
    public StringProperty takeOverReasonProperty() {
        return takeOverReason;
    }

    public BooleanBinding canTakeOverProperty() {
        return canTakeOver;
    }

    /** Takes the lease from the other console, with the typed reason. */
    public void takeOver() {
        if (!canTakeOver.get() || !readOnly.shownProperty().get()) {
            return;
        }
        takingOver = true;
        readOnly.detail("asking for the lease…", Tone.MUTED);
        commands.takeOverLease(operator, takeOverReason.get().strip());
    }

    /** Who approved the unlock; starts as the person the lock names. */
    public StringProperty approverProperty() {
        return approver;
    }

    public StringProperty approvalNoteProperty() {
        return approvalNote;
    }

    public BooleanBinding canRecordApprovalProperty() {
        return canRecordApproval;
    }

    /** Records that the lock's approver approved, entered by this console's operator. */
    public void recordApproval() {
        if (!canRecordApproval.get() || !locked.shownProperty().get()) {
            return;
        }
        locked.detail("recording the approval…", Tone.MUTED);
        commands.recordUnlock(new Actor(approver.get().strip()), operator, approvalNote.get().strip());
    }

    /** What the captain typed into the protected environment's field. */
    public StringProperty typedNameProperty() {
        return typedName;
    }

    /** True once the typed text is the environment's name. */
    public BooleanBinding canConfirmProperty() {
        return canConfirm;
    }

    /** Confirms the protected environment with the typed name. */
    public void confirmProtected() {
        if (!canConfirm.get() || !protectedEnvironment.shownProperty().get()) {
            return;
        }
        protectedEnvironment.detail("confirming…", Tone.MUTED);
        commands.confirmProtectedEnvironment(typedName.get().strip(), operator);
    }

    private void onEvents(List<SessionEvent> batch) {
        boolean changed = false;
        for (SessionEvent event : batch) {
            changed |= access.accept(event);
            if (event instanceof InsecureTlsInUse insecure) {
                changed |= insecureEndpoints.addAll(insecure.endpoints()) || !insecureTlsInUse;
                insecureTlsInUse = true;
            } else if (event instanceof CommandRefused refused) {
                refused(refused);
            } else if (event instanceof EnvironmentChecked check && takingOver && check.check().equals("lease")
                    && !check.passed()) {
                takingOver = false;
                readOnly.detail("could not take over: " + check.detail(), Tone.DANGER);
            }
        }
        if (changed) {
            refresh();
        }
    }

    private void refused(CommandRefused refused) {
        String command = refused.command();
        if (command.equals("take over")) {
            takingOver = false;
            readOnly.detail("refused: " + refused.reason(), Tone.DANGER);
        } else if (command.equals("unlock")) {
            locked.detail("refused: " + refused.reason(), Tone.DANGER);
        } else if (command.startsWith("confirm ")) {
            protectedEnvironment.detail("refused: " + refused.reason(), Tone.DANGER);
        }
    }

    private void refresh() {
        String name = access.environment().name();
        if (insecureTlsInUse) {
            insecureTls.show("TLS certificates are not verified for " + name
                    + (insecureEndpoints.isEmpty() ? "" : ": " + String.join(", ", insecureEndpoints)));
        }

        Optional<String> holder = access.otherHolder();
        if (holder.isPresent()) {
            String renewed = access.otherRenewedAt()
                    .map(at -> " (renewed " + TIME.format(at.atZone(zone)) + ")")
                    .orElse("");
            readOnly.show("Read-only: " + name + " is driven by " + holder.get() + renewed);
        } else {
            takingOver = false;
            readOnly.hide();
        }

        Optional<EnvironmentLock> lock = access.waitingLock();
        if (lock.isPresent()) {
            String reason = lock.get().reason().isBlank() ? "" : ": " + lock.get().reason();
            locked.show("Locked until " + lock.get().approver() + " approves" + reason);
        } else {
            locked.hide();
        }

        if (access.awaitingConfirmation()) {
            protectedEnvironment.show("Protected environment: type its name to allow changes");
        } else {
            protectedEnvironment.hide();
        }
    }

    private static BooleanBinding isBlank(StringProperty text) {
        return Bindings.createBooleanBinding(() -> text.get() == null || text.get().isBlank(), text);
    }

    @Override
    public void close() {
        subscription.close();
    }
}
