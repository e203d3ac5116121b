package dev.quarterdeck.cli;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.MetricsSpec;
import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.rollout.Backoff;
import dev.quarterdeck.rollout.Pacing;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.session.Subscription;
import dev.quarterdeck.testing.KubernetesTestCluster;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * What the runbook plans are opened on in tests: the mock Kubernetes API, MockWebServer endpoints, sessions
 * with quick pacing, and the waits and reads the tests assert with. Everything it starts is closed, last
 * first, by {@link #close()}.
 */
final class RunbookFixtures implements AutoCloseable {
    static final Path RUNBOOKS = Path.of("resources", "plans", "runbooks");
    static final Actor ANA = new Actor("ana");
    static final Actor CAPTAIN = new Actor("release-captain");
    /** Only bounds a broken test; it asserts nothing about speed. */
    static final Duration DEADLINE = Duration.ofSeconds(60);

    private final Path dir;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    RunbookFixtures(Path dir) {
        this.dir = dir;
    }

    /** Closed with the fixtures, after everything opened later. */
    <T extends AutoCloseable> T closing(T resource) {
        toClose.add(resource);
        return resource;
    }

    /** A mock Kubernetes API server that allows every access review. */
    KubernetesTestCluster cluster() {
        KubernetesTestCluster cluster = closing(KubernetesTestCluster.start());
        cluster.authorize((verb, resource) -> true);
        return cluster;
    }

    static ReleasePlan plan(String runbook) throws Exception {
        return PlanLoader.load(RUNBOOKS.resolve(runbook + ".yaml"));
    }

    /** Retries in milliseconds; rollouts looked at every 100 ms. */
    static Pacing quick() {
        return quick(Backoff.Sleeper.REAL);
    }

    static Pacing quick(Backoff.Sleeper sleeper) {
        return new Pacing(new Backoff(3, Duration.ofMillis(50), Duration.ofMillis(200), sleeper),
                Duration.ofMillis(100));
    }

    LiveSession open(ReleasePlan plan, Environment environment, Map<String, String> variables) throws Exception {
        return open(plan, environment, variables, quick());
    }

    LiveSession open(ReleasePlan plan, Environment environment, Map<String, String> variables, Pacing pacing)
            throws Exception {
        return closing(LiveSession.open(plan, environment, ANA, Clock.systemUTC(), variables, dir, pacing));
    }

    MockWebServer serve(Dispatcher dispatcher) throws IOException {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(dispatcher);
        server.start(InetAddress.getLoopbackAddress(), 0);
        return closing(server);
    }

    /** A file written now, for a checklist item that asks for one. */
    String evidence(String name, String content) throws IOException {
        return java.nio.file.Files.writeString(dir.resolve(name), content).toString();
    }

    static String base(MockWebServer server) {
        return server.url("/").toString().replaceAll("/$", "");
    }

    /** The declared environment with what the fixtures replace: its router, metrics and service URLs. */
    static Environment onFixtures(Environment declared, TrafficSpec traffic, MetricsSpec metrics,
            Map<String, URI> services) {
        return new Environment(declared.name(), declared.isProtected(), traffic, metrics, services,
                declared.kubernetes(), declared.lock(), declared.insecureTls(), declared.serviceTemplates());
    }

    /** The plan's Prometheus queries, asked of the fixture's Prometheus. */
    static MetricsSpec withUrl(MetricsSpec metrics, URI url) {
        MetricsSpec.Prometheus p = (MetricsSpec.Prometheus) metrics;
        return new MetricsSpec.Prometheus(url, p.interval(), p.window(), p.queries());
    }

    /** The same, asked every {@code interval} instead of the plan's. */
    static MetricsSpec withUrl(MetricsSpec metrics, URI url, Duration interval) {
        MetricsSpec.Prometheus p = (MetricsSpec.Prometheus) metrics;
        return new MetricsSpec.Prometheus(url, interval, p.window(), p.queries());
    }

    static void awaitPassing(SessionLog log, String... probes) throws Exception {
        for (String probe : probes) {
            await(log, SessionEvent.ProbeSample.class, s -> s.probe().equals(probe) && s.outcome() == Outcome.PASS);
        }
    }

    /** The first event of the session (recorded so far or yet to come) of this type that matches. */
    static <T extends SessionEvent> T await(SessionLog log, Class<T> type, Predicate<? super T> matching)
            throws Exception {
        return await(log, 0, type, matching);
    }

    /**
     * The first matching event from the {@code from}-th on (0 for the first the session recorded): what a
     * command did, with {@code from} the count of events before it.
     */
    static <T extends SessionEvent> T await(SessionLog log, int from, Class<T> type, Predicate<? super T> matching)
            throws Exception {
        return awaitWithin(log, from, type, matching, DEADLINE).orElseThrow(() -> new AssertionError(
                "no " + type.getSimpleName() + " as expected within " + DEADLINE.toSeconds() + " s; "
                        + lastEvents(log)));
    }

    /** The session's last 40 events beside the samples and the plan, for a failure message a person can read. */
    static String lastEvents(SessionLog log) {
        List<SessionEvent> told = log.events().stream()
                .filter(e -> !(e instanceof SessionEvent.MetricSample) && !(e instanceof SessionEvent.ProbeSample)
                        && !(e instanceof SessionEvent.PlanLoaded))
                .toList();
        return "the last events beside samples and the plan: "
                + told.subList(Math.max(0, told.size() - 40), told.size());
    }

    /** The first matching event from the {@code from}-th on, if one comes within {@code within}. */
    static <T extends SessionEvent> java.util.Optional<T> awaitWithin(SessionLog log, int from, Class<T> type,
            Predicate<? super T> matching, Duration within) throws Exception {
        CompletableFuture<T> found = new CompletableFuture<>();
        int[] position = {0};
        Subscription subscription = log.subscribe(e -> {
            if (position[0]++ >= from && type.isInstance(e) && matching.test(type.cast(e))) {
                found.complete(type.cast(e));
            }
        });
        try {
            return java.util.Optional.of(found.get(within.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return java.util.Optional.empty();
        } finally {
            subscription.close();
        }
    }

    static String image(KubernetesClient client, String namespace, String deployment) {
        return client.apps().deployments().inNamespace(namespace).withName(deployment).get().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage();
    }

    /** An annotation of OneSource's canary Ingress, as the API server holds it. */
    static String annotation(KubernetesClient client, String key) {
        return client.network().v1().ingresses().inNamespace("default").withName("onesource-canary").get()
                .getMetadata().getAnnotations().get(key);
    }

    /** An nginx Ingress in {@code default} for host onesource.ai, path /, to the service of its name. */
    static Ingress ingress(String name, Map<String, String> annotations) {
        return new IngressBuilder().withNewMetadata().withName(name).withNamespace("default")
                .addToAnnotations(annotations).endMetadata()
                .withNewSpec().withIngressClassName("nginx").addNewRule().withHost("onesource.ai")
                .withNewHttp().addNewPath().withPath("/").withPathType("Prefix").withNewBackend().withNewService()
                .withName(name).withNewPort().withNumber(80).endPort().endService().endBackend().endPath()
                .endHttp().endRule().endSpec().build();
    }

    /** A deployment as the controller leaves it after a finished rollout. */
    static Deployment rolledOut(Deployment deployment) {
        deployment.getMetadata().setGeneration(1L);
        deployment.setStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(3)
                .withUpdatedReplicas(3).withReadyReplicas(3).withAvailableReplicas(3).build());
        return deployment;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        toClose.clear();
        if (first != null) {
            throw first;
        }
    }

    /**
     * Answers fixed bodies by path (and query), 404 otherwise; a path may require a Bearer token. Keeps the
     * path and query of every request it was sent.
     */
    static final class Endpoints extends Dispatcher {
        private final Map<String, String> bodies = new HashMap<>();
        private final Map<String, String> tokens = new HashMap<>();
        private final List<String> requested = new CopyOnWriteArrayList<>();

        Endpoints answer(String pathAndQuery, String body) {
            bodies.put(pathAndQuery, body);
            return this;
        }

        Endpoints requireBearer(String path, String token) {
            tokens.put(path, token);
            return this;
        }

        /** Every request's method, path and query so far, in order: "GET /health". */
        List<String> requested() {
            return List.copyOf(requested);
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            String query = request.getUrl().encodedQuery();
            String key = query == null ? path : path + "?" + query;
            requested.add(request.getMethod() + " " + key);
            String token = tokens.get(path);
            if (token != null && !("Bearer " + token).equals(request.getHeaders().get("Authorization"))) {
                return new MockResponse.Builder().code(401).body("{\"error\":\"unauthorized\"}").build();
            }
            String body = bodies.get(key);
            return body == null
                    ? new MockResponse.Builder().code(404).body("not found").build()
                    : new MockResponse.Builder().code(200).body(body).build();
        }
    }
}
