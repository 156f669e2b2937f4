package dev.hotline.demo;

import dev.hotline.core.Hotline;

/** Finds the Hotline Java agent, if the JVM runs with it, without depending on the agent at build time. */
final class AgentProbe {
    private AgentProbe() {}

    /** The agent's running profiler, or {@code null} when there is no attached agent. */
    static Hotline agentHotline() {
        try {
            Class<?> agent = Class.forName("dev.hotline.agent.HotlineAgent", true, ClassLoader.getSystemClassLoader());
            if (!(Boolean) agent.getMethod("isAttached").invoke(null)) return null;
            Object h = agent.getMethod("hotline").invoke(null);
            return h instanceof Hotline hotline ? hotline : null;
        } catch (ClassNotFoundException e) {
            return null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            System.err.println("Hotline agent found but not usable by the demo (" + e + "); using the demo's own filter");
            return null;
        }
    }
}
