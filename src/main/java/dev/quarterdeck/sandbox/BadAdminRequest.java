package dev.quarterdeck.sandbox;

/** An admin request the router refuses with a 400; the message is what the client reads, naming the field. */
final class BadAdminRequest extends Exception {
    BadAdminRequest(String message) {
        super(message, null, false, false);
    }
}
