package dev.hotline.agent.it;

/** Jetty 12 (ee8, javax.servlet 4) under the agent. */
class JettyEe8AgentIT extends AgentAttachScenarios {
    @Override Class<?> app() { return JettyEe8App.class; }
    @Override boolean bareUiPathReachesTheAgent() { return false; }
    @Override String container() { return "Jetty 12 (ee8)"; }
    @Override String servletSource() { return "JavaxShopServlet.java"; }
    @Override boolean appCanRegisterFilter() { return false; }
}
