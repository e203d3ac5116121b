package dev.quarterdeck.session;

import java.util.Objects;

/** Who did something: a person at the console, or Quarterdeck itself acting on a rule. */
public record Actor(String name) {
    private static final Actor QUARTERDECK = new Actor("quarterdeck");

    public Actor {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an actor needs a name");
        }
    }

    /** Quarterdeck acting by itself (probes, automatic rules). */
    public static Actor quarterdeck() {
        return QUARTERDECK;
    }

    /** The person logged in at this machine. */
    public static Actor currentUser() {
        String user = System.getProperty("user.name", "");
        return new Actor(user.isBlank() ? "unknown" : user);
    }

    @Override
    public String toString() {
        return name;
    }
}
