package dev.quarterdeck.session;

/** Ends a subscription. Closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
