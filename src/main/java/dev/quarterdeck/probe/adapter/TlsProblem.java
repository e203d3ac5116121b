package dev.quarterdeck.probe.adapter;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * What a failed TLS handshake means, in the words a release captain can act on. The JDK says "PKIX path
 * building failed: unable to find valid certification path to requested target"; the captain needs "the
 * certificate is not trusted (self-signed?)".
 */
final class TlsProblem {
    /** OkHttp's host name check names what the certificate covers: "subjectAltNames: [a, b]". */
    private static final Pattern ALT_NAMES = Pattern.compile("subjectAltNames: \\[([^]]*)]");

    private TlsProblem() {}

    /** The problem without the URL, e.g. "certificate for 127.0.0.1 is not trusted (self-signed?)". */
    static String describe(SSLException e, String host) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof SSLPeerUnverifiedException && message.startsWith("Hostname")) {
            // OkHttp checks the host name after the handshake, with a trusted chain: only the name is wrong.
            Matcher names = ALT_NAMES.matcher(message);
            String coverage = names.find() && !names.group(1).isBlank()
                    ? " (it is for " + names.group(1) + ")"
                    : " (it names no host this one matches)";
            return "certificate does not match host " + host + coverage;
        }
        if (causedBy(e, CertificateExpiredException.class)
                || reason(e, CertPathValidatorException.BasicReason.EXPIRED)) {
            return "certificate for " + host + " has expired";
        }
        if (causedBy(e, CertificateNotYetValidException.class)
                || reason(e, CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
            return "certificate for " + host + " is not valid yet (check the clocks)";
        }
        if (causedBy(e, CertPathBuilderException.class) || causedBy(e, CertPathValidatorException.class)) {
            return "certificate for " + host + " is not trusted (self-signed?)";
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("unrecognized ssl message") || lower.contains("plaintext")) {
            return host + " does not speak TLS there (plain HTTP? try http://)";
        }
        return "handshake with " + host + " failed: " + (message.isBlank() ? e.getClass().getSimpleName() : message);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean reason(Throwable e, CertPathValidatorException.BasicReason wanted) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertPathValidatorException && ((CertPathValidatorException) t).getReason() == wanted) {
                return true;
            }
        }
        return false;
    }
}
