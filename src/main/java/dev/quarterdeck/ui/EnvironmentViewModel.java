package dev.quarterdeck.ui;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.EnvironmentChecked;
import dev.quarterdeck.session.SessionEvent.EnvironmentDescribed;
import dev.quarterdeck.session.SessionEvent.LastKnownGoodRecorded;
import dev.quarterdeck.session.SessionEvent.LeaseChanged;
import dev.quarterdeck.session.SessionEvent.PreflightChecked;
import dev.quarterdeck.session.SessionEvent.SessionStarted;
import dev.quarterdeck.session.Subscription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the captain is releasing and where: plan, environment, router, server, namespace, the version on
 * each track and who holds the release. Starts from the plan and fills in from what the environment reports
 * ({@link EnvironmentDescribed}); until then the fields read "not reported yet" rather than guess.
 *
 * <p>Below the facts, what the session found at its start: whether the cluster grants every permission the plan
 * needs ({@link PreflightChecked}), the environment's checks ({@link EnvironmentChecked}, the latest of each, failed
 * ones with their detail), and the images a rollback returns to ({@link LastKnownGoodRecorded}).
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
    private final ReadOnlyBooleanWrapper inKubernetes = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper access = new ReadOnlyStringWrapper("not checked yet");
    private final ReadOnlyObjectWrapper<Tone> accessTone = new ReadOnlyObjectWrapper<>(Tone.MUTED);
    private final ObservableList<String> missingAccess = FXCollections.observableArrayList();
    private final ObservableList<String> missingAccessView = FXCollections.unmodifiableObservableList(missingAccess);
    private final ReadOnlyStringWrapper checks = new ReadOnlyStringWrapper("not run yet");
    private final ReadOnlyObjectWrapper<Tone> checksTone = new ReadOnlyObjectWrapper<>(Tone.MUTED);
    private final ObservableList<String> failedChecks = FXCollections.observableArrayList();
    private final ObservableList<String> failedChecksView = FXCollections.unmodifiableObservableList(failedChecks);
    private final ObservableList<String> lastKnownGood = FXCollections.observableArrayList();
    private final ObservableList<String> lastKnownGoodView = FXCollections.unmodifiableObservableList(lastKnownGood);
    private final Map<String, EnvironmentChecked> latestChecks = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper lastKnownGoodInFull = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper missingAccessInFull = new ReadOnlyStringWrapper("");
    private final Map<String, Map<String, String>> lastKnownGoodByDeployment = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> featureFlagsByDeployment = new LinkedHashMap<>();
    private final Subscription subscription;

    public EnvironmentViewModel(ReleasePlan plan, Environment environment, Actor operator, FxBridge events) {
        planName.set(plan.metadata().name());
        planVersion.set(plan.metadata().version());
        environmentName.set(environment.name());
        protectedEnvironment.set(environment.isProtected());
        router.set(environment.traffic().kind());
        inKubernetes.set(environment.kubernetes().isPresent());
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
            } else if (event instanceof PreflightChecked preflight) {
                inKubernetes.set(true);
                preflight(preflight);
            } else if (event instanceof EnvironmentChecked check) {
                latestChecks.put(check.check(), check);
                showChecks();
            } else if (event instanceof LeaseChanged && latestChecks.containsKey("lease")
                    && !latestChecks.get("lease").passed()) {
                // A lease read back means the lease call works again: its earlier failure no longer stands.
                latestChecks.remove("lease");
                showChecks();
            } else if (event instanceof LastKnownGoodRecorded good) {
                inKubernetes.set(true);
                lastKnownGoodByDeployment.put(good.deployment(), good.images());
                featureFlagsByDeployment.put(good.deployment(), good.featureFlags());
                List<String> lines = new ArrayList<>();
                List<String> full = new ArrayList<>();
                lastKnownGoodByDeployment.forEach((deployment, images) -> {
                    Map<String, String> flags = featureFlagsByDeployment.getOrDefault(deployment, Map.of());
                    lines.add(deployment + ": " + shortImages(images)
                            + (flags.isEmpty() ? "" : " · " + flags.size() + (flags.size() == 1 ? " flag" : " flags")));
                    full.add(deployment + ": " + images(images) + (flags.isEmpty() ? "" : "; " + flags(flags)));
                });
                lastKnownGood.setAll(lines);
                lastKnownGoodInFull.set(String.join("\n", full));
            }
        }
    }

    /** "FEATURE_A=1, FEATURE_B=0": feature flags as the deployment's environment holds them. */
    static String flags(Map<String, String> flags) {
        return flags.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private void preflight(PreflightChecked preflight) {
        List<PreflightChecked.Access> missing = preflight.missing();
        int all = preflight.results().size();
        if (missing.isEmpty()) {
            access.set("all " + all + (all == 1 ? " permission" : " permissions") + " granted");
            accessTone.set(Tone.SUCCESS);
        } else {
            access.set(missing.size() + " of " + all + " permissions missing");
            accessTone.set(Tone.DANGER);
        }
        missingAccess.setAll(missing.stream()
                .map(a -> a.permission() + " — " + a.purpose()
                        + (a.reason() == null || a.reason().isBlank() ? "" : " (" + a.reason() + ")"))
                .toList());
        missingAccessInFull.set(String.join("\n", missingAccess));
    }

    private void showChecks() {
        List<String> failed = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        for (EnvironmentChecked check : latestChecks.values()) {
            if (check.passed()) {
                passed.add(check.check());
            } else {
                failed.add(check.check() + ": " + orUnknown(check.detail()));
            }
        }
        if (latestChecks.isEmpty()) {
            checks.set("not run yet");
            checksTone.set(Tone.MUTED);
        } else if (failed.isEmpty()) {
            checks.set(passed.size() == 1 ? passed.get(0) + " passed" : "all passed: " + String.join(", ", passed));
            checksTone.set(Tone.SUCCESS);
        } else {
            // Which ones failed is spelled out under the summary, one line each.
            checks.set(failed.size() + " of " + latestChecks.size() + " failed");
            checksTone.set(Tone.DANGER);
        }
        failedChecks.setAll(failed);
    }

    /**
     * The images without registry and container names, for a line that fits the card: "checkout-api:2.13.4,
     * envoy:v1.29.1". A digest keeps its first 12 characters; {@link #lastKnownGoodInFullProperty()} has it all.
     */
    static String shortImages(Map<String, String> images) {
        List<String> parts = new ArrayList<>();
        images.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> parts.add(shortImage(e.getValue())));
        return parts.isEmpty() ? "no containers" : String.join(", ", parts);
    }

    private static String shortImage(String image) {
        int at = image.indexOf('@');
        String name = at < 0 ? image : image.substring(0, at);
        String digest = at < 0 ? "" : image.substring(at);
        name = name.substring(name.lastIndexOf('/') + 1);
        int colon = digest.indexOf(':');
        if (colon >= 0 && digest.length() > colon + 13) {
            digest = digest.substring(0, colon + 13) + "…";
        }
        return name + digest;
    }

    /** One container: its image alone. Several: "api registry/api:1.2, sidecar envoy:1.29". */
    static String images(Map<String, String> images) {
        if (images.isEmpty()) {
            return "no containers";
        }
        if (images.size() == 1) {
            return images.values().iterator().next();
        }
        List<String> parts = new ArrayList<>();
        images.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> parts.add(e.getKey() + " " + e.getValue()));
        return String.join(", ", parts);
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

    /** True for an environment in Kubernetes (or once the session reports cluster facts): access and images apply. */
    public ReadOnlyBooleanProperty inKubernetesProperty() {
        return inKubernetes.getReadOnlyProperty();
    }

    /** "all 7 permissions granted", "2 of 7 permissions missing", or "not checked yet". */
    public ReadOnlyStringProperty accessProperty() {
        return access.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> accessToneProperty() {
        return accessTone.getReadOnlyProperty();
    }

    /** "patch ingresses.networking.k8s.io in shop — set the canary weight", one per missing permission. */
    public ObservableList<String> missingAccess() {
        return missingAccessView;
    }

    /** The missing permissions, one a line, for a tooltip. */
    public ReadOnlyStringProperty missingAccessInFullProperty() {
        return missingAccessInFull.getReadOnlyProperty();
    }

    /** "all passed: router, kubeconfig", "1 of 2 failed", or "not run yet". */
    public ReadOnlyStringProperty checksProperty() {
        return checks.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> checksToneProperty() {
        return checksTone.getReadOnlyProperty();
    }

    /** "router: the canary Ingress the plan names does not exist: …", one per failed check. */
    public ObservableList<String> failedChecks() {
        return failedChecksView;
    }

    /** "checkout: checkout-api:2.13.4", one short line per deployment, as recorded at session start. */
    public ObservableList<String> lastKnownGood() {
        return lastKnownGoodView;
    }

    /** Every deployment's containers and full image references, one deployment a line (for a tooltip). */
    public ReadOnlyStringProperty lastKnownGoodInFullProperty() {
        return lastKnownGoodInFull.getReadOnlyProperty();
    }

    @Override
    public void close() {
        subscription.close();
    }
}
