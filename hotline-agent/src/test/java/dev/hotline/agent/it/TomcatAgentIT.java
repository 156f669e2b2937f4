package dev.hotline.agent.it;

/** Tomcat 10.1 (jakarta.servlet 6) under the agent. */
class TomcatAgentIT extends AgentAttachScenarios {
    @Override Class<?> app() { return TomcatApp.class; }
    @Override String container() { return "Tomcat"; }
}
