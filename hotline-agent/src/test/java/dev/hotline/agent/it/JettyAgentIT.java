package dev.hotline.agent.it;

/** Jetty 12 (ee10, jakarta.servlet 6) under the agent. */
class JettyAgentIT extends AgentAttachScenarios {
    @Override Class<?> app() { return JettyApp.class; }
    @Override String container() { return "Jetty 12 (ee10)"; }
}
