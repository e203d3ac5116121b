package dev.quarterdeck.ui;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.EnvironmentDescribed;
import dev.quarterdeck.session.SessionEvent.SessionStarted;
import dev.quarterdeck.session.Subscription;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the captain is releasing and where: plan, environment, router, server, namespace, the version on
 * each track and who holds the release. Starts from the plan and fills in from what the environment reports
 * ({@link EnvironmentDescribed}); until then the fields read "not reported yet" rather than guess.
 */
public final class EnvironmentViewModel implements AutoCloseable {
    static final String UNKNOWN = "not reported yet";

    private final ReadOnlyStringWrapper planName = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper planVersion = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper environmentName = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper protectedEnvironment = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper router = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper context = new ReadOnlyStringWrapper(UNKNOWN);
    private final ReadOnlyStringWrapper server = new ReadOnlyStringWrapper(UNKNOWN);
    private final ReadOnlyStringWrapper user = new ReadOnlyStringWrapper(UNKNOWN);
    private final ReadOnlyStringWrapper namespace = new ReadOnlyStringWrapper(UNKNOWN);
    private final ReadOnlyStringWrapper stableVersion = new ReadOnlyStringWrapper(UNKNOWN);
    private final ReadOnlyStringWrapper canaryVersion = new ReadOnlyStringWrapper(UNKNOWN);
    private final ReadOnlyStringWrapper holder = new ReadOnlyStringWrapper(UNKNOWN);
    private final ReadOnlyStringWrapper operator = new ReadOnlyStringWrapper();
    private final Subscription subscription;

    public EnvironmentViewModel(ReleasePlan plan, Environment environment, Actor operator, FxBridge events) {
        planName.set(plan.metadata().name());
        planVersion.set(plan.metadata().version());
        environmentName.set(environment.name());
        protectedEnvironment.set(environment.isProtected());
        router.set(environment.traffic().kind());
        this.operator.set(operator.name());
        subscription = events.listen(this::onEvents);
    }

    private void onEvents(List<SessionEvent> batch) {
        for (SessionEvent event : batch) {
            if (event instanceof SessionStarted started) {
                planName.set(started.plan());
                planVersion.set(started.planVersion());
                environmentName.set(started.environment());
                operator.set(started.operator().name());
            } else if (event instanceof EnvironmentDescribed described) {
                environmentName.set(described.environment());
                router.set(orUnknown(described.router()));
                context.set(orUnknown(described.context()));
                server.set(orUnknown(described.server()));
                user.set(orUnknown(described.user()));
                namespace.set(orUnknown(described.namespace()));
                stableVersion.set(version(described.versions(), "stable"));
                canaryVersion.set(version(described.versions(), "canary"));
                holder.set(orUnknown(described.holder()));
            }
        }
    }

    private static String version(Map<String, String> versions, String track) {
        return orUnknown(versions.get(track));
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value;
    }

    public ReadOnlyStringProperty planNameProperty() {
        return planName.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty planVersionProperty() {
        return planVersion.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty environmentNameProperty() {
        return environmentName.getReadOnlyProperty();
    }

    /** A protected environment (production) deserves a louder header. */
    public ReadOnlyBooleanProperty protectedEnvironmentProperty() {
        return protectedEnvironment.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty routerProperty() {
        return router.getReadOnlyProperty();
    }

    /** The kubeconfig context, "—" outside Kubernetes. */
    public ReadOnlyStringProperty contextProperty() {
        return context.getReadOnlyProperty();
    }

    /** The user the cluster knows this console as, "—" outside Kubernetes. */
    public ReadOnlyStringProperty userProperty() {
        return user.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty serverProperty() {
        return server.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty namespaceProperty() {
        return namespace.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stableVersionProperty() {
        return stableVersion.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty canaryVersionProperty() {
        return canaryVersion.getReadOnlyProperty();
    }

    /** Who holds the release lock, as the environment reports it. */
    public ReadOnlyStringProperty holderProperty() {
        return holder.getReadOnlyProperty();
    }

    /** Who drives this console. */
    public ReadOnlyStringProperty operatorProperty() {
        return operator.getReadOnlyProperty();
    }

    @Override
    public void close() {
        subscription.close();
    }
}
