package dev.quarterdeck.testing;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The API discovery documents of a small cluster, for kubectl: which groups exist and which resources each
 * serves. fabric8's mock server stores resources but does not describe them.
 */
final class Discovery {
    private record Resource(String plural, String kind, boolean namespaced, String verbs) {}

    private static final String ALL = "\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"";

    private static final Map<String, List<Resource>> GROUPS = Map.of(
            "apps/v1", List.of(
                    new Resource("deployments", "Deployment", true, ALL),
                    new Resource("replicasets", "ReplicaSet", true, ALL)),
            "networking.k8s.io/v1", List.of(new Resource("ingresses", "Ingress", true, ALL)),
            "gateway.networking.k8s.io/v1", List.of(new Resource("httproutes", "HTTPRoute", true, ALL)),
            "batch/v1", List.of(new Resource("cronjobs", "CronJob", true, ALL)),
            "coordination.k8s.io/v1", List.of(new Resource("leases", "Lease", true, ALL)),
            "authorization.k8s.io/v1", List.of(
                    new Resource("selfsubjectaccessreviews", "SelfSubjectAccessReview", false, "\"create\"")));

    private static final List<Resource> CORE = List.of(
            new Resource("pods", "Pod", true, ALL),
            new Resource("secrets", "Secret", true, ALL),
            new Resource("services", "Service", true, ALL),
            new Resource("namespaces", "Namespace", false, ALL));

    private Discovery() {}

    /**
     * Answers discovery requests by path alone (kubectl adds {@code ?timeout=...}) and hands every other request
     * to {@code next}: staged expectations, then CRUD.
     */
    static Dispatcher wrapping(Dispatcher next) {
        Map<String, String> documents = new HashMap<>();
        documents.put("/api", "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
                + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1\"}]}");
        documents.put("/api/v1", resourceList("v1", CORE));
        String groups = GROUPS.keySet().stream().sorted().map(gv -> {
            String group = gv.substring(0, gv.indexOf('/'));
            return "{\"name\":\"" + group + "\",\"versions\":[{\"groupVersion\":\"" + gv + "\",\"version\":\"v1\"}],"
                    + "\"preferredVersion\":{\"groupVersion\":\"" + gv + "\",\"version\":\"v1\"}}";
        }).collect(Collectors.joining(","));
        documents.put("/apis", "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[" + groups + "]}");
        GROUPS.forEach((gv, resources) -> documents.put("/apis/" + gv, resourceList(gv, resources)));
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getPath();
                int query = path.indexOf('?');
                String document = documents.get(query < 0 ? path : path.substring(0, query));
                if (document != null && "GET".equals(request.getMethod())) {
                    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                            .setBody(document);
                }
                return next.dispatch(request);
            }

            @Override
            public void shutdown() {
                next.shutdown();
            }
        };
    }

    private static String resourceList(String groupVersion, List<Resource> resources) {
        String items = resources.stream().map(r -> "{\"name\":\"" + r.plural + "\",\"singularName\":\"" + r.kind.toLowerCase(java.util.Locale.ROOT) + "\","
                + "\"namespaced\":" + r.namespaced + ",\"kind\":\"" + r.kind + "\",\"verbs\":[" + r.verbs + "]}")
                .collect(Collectors.joining(","));
        return "{\"kind\":\"APIResourceList\",\"groupVersion\":\"" + groupVersion + "\",\"resources\":[" + items + "]}";
    }
}
