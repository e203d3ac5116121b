package dev.quarterdeck.traffic.adapter.kubernetes;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.quarterdeck.plan.KubernetesTarget;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.ClusterIdentity;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kubeconfig context an environment talks through, as the kubeconfig file says: which file, which context,
 * which API server, namespace and user, and the credential plugin ({@code exec}) the user's entry runs, if any.
 * Read without running anything and without keeping a single credential, so the console can show it, and say
 * "this kubeconfig runs {@code aws}", before a connection is opened (opening one runs the plugin).
 *
 * <p>The kubeconfig is the first existing file of {@code KUBECONFIG}, or {@code ~/.kube/config} when that is
 * not set. Unlike kubectl, Quarterdeck does not merge several files: it reads one, and says which.
 *
 * @param file the kubeconfig read
 * @param context the context used: the plan's, else the kubeconfig's current-context
 * @param server the API server URL of the context's cluster, without any user info
 * @param namespace the plan's namespace, else the context's, else {@code default}
 * @param user the name of the context's user entry (empty when the context names none)
 * @param execCommand the program the user's {@code exec} entry runs to get credentials, when it has one
 */
public record KubeconfigContext(
        Path file, String context, String server, String namespace, String user, Optional<String> execCommand) {
    static final String KUBECONFIG = "KUBECONFIG";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public KubeconfigContext {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(execCommand, "execCommand");
    }

    /**
     * Finds the kubeconfig and picks the target's context and namespace.
     *
     * @param environment the process environment (only {@code KUBECONFIG} is read); passed in so tests are hermetic
     * @param home the user's home directory, for {@code ~/.kube/config}
     * @throws ActionException (permanent) when no kubeconfig is found (naming every path tried), when it cannot be
     *     read or parsed, or when the context is not in it (naming the contexts it has)
     */
    public static KubeconfigContext select(KubernetesTarget target, Map<String, String> environment, Path home)
            throws ActionException {
        return read(locate(environment, home), target.context(), target.namespace());
    }

    /** The user's credentials come from a program the user must trust: the console says so. */
    public boolean runsProgram() {
        return execCommand.isPresent();
    }

    /** Who talks to which cluster, for the console and the journal: no token, no certificate. */
    public ClusterIdentity identity() {
        return new ClusterIdentity(context, server, namespace, user);
    }

    static Path locate(Map<String, String> environment, Path home) throws ActionException {
        String list = environment.get(KUBECONFIG);
        List<Path> tried = new ArrayList<>();
        if (list != null && !list.isBlank()) {
            // Like kubectl, entries that do not exist are skipped; unlike kubectl, only one file is read.
            for (String entry : list.split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path candidate = Path.of(entry);
                tried.add(candidate);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
            throw new ActionException("no kubeconfig found: tried " + joined(tried) + " (from " + KUBECONFIG
                    + "), none of which is a file", false);
        }
        Path fallback = home.resolve(".kube").resolve("config");
        if (Files.isRegularFile(fallback)) {
            return fallback;
        }
        throw new ActionException("no kubeconfig found: tried " + fallback + " (" + KUBECONFIG
                + " is not set); set " + KUBECONFIG + " or create that file", false);
    }

    static KubeconfigContext read(Path file, Optional<String> wantedContext, Optional<String> wantedNamespace)
            throws ActionException {
        JsonNode root = parse(file);
        Map<String, JsonNode> contexts = named(root, "contexts", "context");
        String name = wantedContext.filter(c -> !c.isBlank()).orElse(text(root, "current-context"));
        if (name.isEmpty()) {
            throw new ActionException("kubeconfig " + file + " has no current-context and the plan names no "
                    + "context; its contexts: " + listed(contexts.keySet()), false);
        }
        JsonNode context = contexts.get(name);
        if (context == null) {
            throw new ActionException("context \"" + name + "\" is not in kubeconfig " + file + "; its contexts: "
                    + listed(contexts.keySet()), false);
        }
        String clusterName = text(context, "cluster");
        JsonNode cluster = named(root, "clusters", "cluster").get(clusterName);
        if (cluster == null) {
            throw new ActionException("context \"" + name + "\" of kubeconfig " + file + " names cluster \""
                    + clusterName + "\", which the kubeconfig does not define", false);
        }
        String server = withoutUserInfo(text(cluster, "server"));
        if (server.isEmpty()) {
            throw new ActionException("cluster \"" + clusterName + "\" of kubeconfig " + file + " has no server",
                    false);
        }
        String userName = text(context, "user");
        JsonNode user = named(root, "users", "user").get(userName);
        Optional<String> exec = Optional.ofNullable(user).map(u -> text(u.path("exec"), "command"))
                .filter(command -> !command.isBlank());
        String namespace = wantedNamespace.filter(n -> !n.isBlank())
                .orElse(text(context, "namespace").isBlank() ? "default" : text(context, "namespace"));
        return new KubeconfigContext(file, name, server, namespace, userName, exec);
    }

    private static JsonNode parse(Path file) throws ActionException {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote the offending line, which could hold a token: position only.
            JsonLocation at = e.getLocation();
            throw new ActionException("kubeconfig " + file + " is not valid YAML"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), false);
        } catch (IOException e) {
            throw new ActionException("cannot read kubeconfig " + file + ": " + e, false, e);
        }
        if (root == null || !root.isObject()) {
            throw new ActionException("kubeconfig " + file + " is empty or not a kubeconfig", false);
        }
        return root;
    }

    /** A kubeconfig list ({@code contexts}, {@code clusters}, {@code users}) by entry name, in file order. */
    private static Map<String, JsonNode> named(JsonNode root, String list, String field) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (JsonNode entry : root.path(list)) {
            String name = text(entry, "name");
            if (!name.isEmpty() && !byName.containsKey(name)) {
                byName.put(name, entry.path(field));
            }
        }
        return byName;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() ? value.asText() : "";
    }

    /** {@code https://user:secret@host} would carry a password into the console and the journal. */
    private static String withoutUserInfo(String server) {
        return server.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
    }

    private static String listed(Collection<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    private static String joined(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(", "));
    }
}
