package dev.quarterdeck.ui;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.rollout.ReleaseCommands;
import dev.quarterdeck.sandbox.SandboxControl;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionLog;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the console needs from the composition root, and nothing more: it reads the session through
 * {@code session}, acts through {@code commands}, and never sees an adapter.
 *
 * @param plan the release plan being run
 * @param environment the environment chosen for this session (with services bound)
 * @param session the session's event log; the console subscribes on open and unsubscribes on close
 * @param commands where the captain's actions go
 * @param operator who sits at this console; every command is sent in this name
 * @param sandbox the sandbox's fault knobs, present only for sandbox environments
 * @param clock the session's clock, for ages ("2 s ago") and chart windows
 * @param tasks runs calls that may do I/O off the FX thread
 * @param export writes the session as a report (Export); the console never reads the journal itself
 */
public record ConsoleContext(
        ReleasePlan plan,
        Environment environment,
        SessionLog session,
        ReleaseCommands commands,
        Actor operator,
        Optional<SandboxControl> sandbox,
        Clock clock,
        TaskExecutor tasks,
        SessionExport export) {

    public ConsoleContext {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(export, "export");
    }
}
