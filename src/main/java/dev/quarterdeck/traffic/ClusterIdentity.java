package dev.quarterdeck.traffic;

/**
 * Which cluster a session talks to, as the kubeconfig and the API server say: context, server URL, namespace
 * and user. Never holds credentials.
 */
public record ClusterIdentity(String context, String server, String namespace, String user) {}
