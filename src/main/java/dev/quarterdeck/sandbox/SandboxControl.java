package dev.quarterdeck.sandbox;

/**
 * The sandbox's fault knobs, in process or over a standalone sandbox's admin API. Calls may do I/O:
 * never call from the FX thread.
 */
public interface SandboxControl {

    CanaryFaults canaryFaults() throws java.io.IOException;

    void setCanaryFaults(CanaryFaults faults) throws java.io.IOException;
}
