package dev.quarterdeck.traffic.adapter.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An RFC 6902 JSON Patch, sent with the resourceVersion it was computed from. Why JSON Patch: it changes
 * exactly the fields named (one container's image, one variable's value) where a merge patch replaces whole
 * lists, and both the API server and the CRUD test server apply it (neither accepts strategic merge from us).
 * Why the resourceVersion rides in the patch: the API server refuses a patched object whose resourceVersion
 * is not the current one with 409 Conflict, which makes the patch a locked read-modify-write.
 */
final class JsonPatch {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArrayNode operations = JSON.createArrayNode();

    /** Sets a member, adding it when absent (RFC 6902 {@code add} replaces an existing object member). */
    JsonPatch set(String path, JsonNode value) {
        operations.addObject().put("op", "add").put("path", path).set("value", value);
        return this;
    }

    JsonPatch set(String path, String value) {
        return set(path, JSON.getNodeFactory().textNode(value));
    }

    JsonPatch set(String path, int value) {
        return set(path, JSON.getNodeFactory().numberNode(value));
    }

    JsonPatch set(String path, boolean value) {
        return set(path, JSON.getNodeFactory().booleanNode(value));
    }

    /** Appends to an array that exists. */
    JsonPatch append(String arrayPath, JsonNode value) {
        return set(arrayPath + "/-", value);
    }

    boolean isEmpty() {
        return operations.isEmpty();
    }

    /** The patch document, failing with 409 unless the object is still at {@code resourceVersion}. */
    String lockedTo(String resourceVersion) {
        if (resourceVersion == null || resourceVersion.isEmpty()) {
            // Without a version the write would not be locked; every object read from an API server has one.
            throw new IllegalStateException("object read without a resourceVersion");
        }
        ArrayNode locked = JSON.createArrayNode();
        ObjectNode lock = locked.addObject().put("op", "replace").put("path", "/metadata/resourceVersion");
        lock.put("value", resourceVersion);
        locked.addAll(operations);
        return locked.toString();
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ObjectMapper mapper() {
        return JSON;
    }

    /** A JSON Pointer from path segments, escaped ({@code ~} and {@code /} occur in annotation keys). */
    static String pointer(Object... segments) {
        StringBuilder path = new StringBuilder();
        for (Object segment : segments) {
            path.append('/').append(segment.toString().replace("~", "~0").replace("/", "~1"));
        }
        return path.toString();
    }
}
