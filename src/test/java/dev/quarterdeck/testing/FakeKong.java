package dev.quarterdeck.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Kong's Admin API as far as upstream targets go, answering like Kong 3 does: {@code GET /upstreams/{u}},
 * {@code GET /upstreams/{u}/targets} in pages with a {@code next} path, {@code PATCH
 * /upstreams/{u}/targets/{target}} with {@code {"weight": N}}, {@code {"message": ...}} on errors. It can
 * require a {@code Kong-Admin-Token}, run DB-less (every write is a 405), refuse writes under RBAC (403),
 * and serve scripted answers first (a 500, a stalled socket, an HTML page).
 */
public final class FakeKong extends Dispatcher {
    private final ObjectMapper json = new ObjectMapper();
    private final String upstream;
    private final Map<String, Integer> weights = new LinkedHashMap<>();
    private final Deque<MockResponse> scripted = new ArrayDeque<>();
    private final List<String> writes = new ArrayList<>();
    private String requiredToken;
    private boolean dbLess;
    private boolean forbidsWrites;
    private int pageSize = 100;

    public FakeKong(String upstream) {
        this.upstream = upstream;
    }

    public synchronized FakeKong target(String target, int weight) {
        weights.put(target, weight);
        return this;
    }

    public synchronized FakeKong requireToken(String token) {
        requiredToken = token;
        return this;
    }

    public synchronized FakeKong dbLess() {
        dbLess = true;
        return this;
    }

    public synchronized FakeKong forbidWrites() {
        forbidsWrites = true;
        return this;
    }

    public synchronized FakeKong pageSize(int size) {
        pageSize = size;
        return this;
    }

    /** The next request gets this answer instead of Kong's. */
    public synchronized FakeKong thenAnswer(MockResponse answer) {
        scripted.add(answer);
        return this;
    }

    public synchronized int weight(String target) {
        return weights.get(target);
    }

    /** "target=weight" for each applied write, in order. */
    public synchronized List<String> writes() {
        return List.copyOf(writes);
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
        if (!scripted.isEmpty()) {
            return scripted.poll();
        }
        if (requiredToken != null && !requiredToken.equals(request.getHeaders().get("Kong-Admin-Token"))) {
            return error(401, "Invalid credentials. Token or User credentials required");
        }
        List<String> path = request.getUrl().pathSegments();
        boolean ourUpstream = path.size() >= 2 && path.get(0).equals("upstreams") && path.get(1).equals(upstream);
        if (!ourUpstream) {
            return error(404, "Not found");
        }
        String method = request.getMethod();
        if (path.size() == 2 && method.equals("GET")) {
            return ok(json.createObjectNode().put("id", "6b7a1e52-0000-4000-8000-000000000001").put("name", upstream)
                    .put("algorithm", "round-robin").put("slots", 10000));
        }
        if (path.size() == 3 && path.get(2).equals("targets") && method.equals("GET")) {
            return page(request.getUrl().queryParameter("offset"));
        }
        if (path.size() == 4 && path.get(2).equals("targets") && method.equals("PATCH")) {
            return write(path.get(3), request);
        }
        return error(405, "Method not allowed");
    }

    private MockResponse page(String offset) {
        List<String> names = new ArrayList<>(weights.keySet());
        int from = offset == null ? 0 : Integer.parseInt(offset);
        int to = Math.min(from + pageSize, names.size());
        ObjectNode page = json.createObjectNode();
        ArrayNode data = page.putArray("data");
        for (String name : names.subList(from, to)) {
            data.add(target(name));
        }
        if (to < names.size()) {
            page.put("next", "/upstreams/" + upstream + "/targets?offset=" + to);
        } else {
            page.putNull("next");
        }
        return ok(page);
    }

    private MockResponse write(String target, RecordedRequest request) {
        if (dbLess) {
            return error(405, "cannot update 'targets' entities when not using a database");
        }
        if (forbidsWrites) {
            return error(403, "You do not have permissions to update this resource");
        }
        if (!weights.containsKey(target)) {
            return error(404, "Not found");
        }
        JsonNode body;
        try {
            body = json.readTree(request.getBody().utf8());
        } catch (IOException e) {
            return error(400, "Cannot parse JSON body");
        }
        JsonNode weight = body.get("weight");
        if (weight == null || !weight.isInt() || weight.intValue() < 0 || weight.intValue() > 65535) {
            return error(400, "schema violation (weight: value should be between 0 and 65535)");
        }
        weights.put(target, weight.intValue());
        writes.add(target + "=" + weight.intValue());
        return ok(target(target));
    }

    private ObjectNode target(String name) {
        ObjectNode target = json.createObjectNode();
        target.put("id", "t-" + Math.abs(name.hashCode()));
        target.put("target", name);
        target.put("weight", weights.get(name));
        target.put("created_at", 1717236000.123);
        target.putObject("upstream").put("id", "6b7a1e52-0000-4000-8000-000000000001");
        target.putArray("tags");
        return target;
    }

    private static MockResponse ok(JsonNode body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json; charset=utf-8")
                .body(body.toString()).build();
    }

    private MockResponse error(int status, String message) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json; charset=utf-8")
                .body(json.createObjectNode().put("message", message).toString()).build();
    }
}
