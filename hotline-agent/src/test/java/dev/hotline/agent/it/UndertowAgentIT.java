package dev.hotline.agent.it;

/** Undertow 2.3 (jakarta.servlet 6) under the agent. */
class UndertowAgentIT extends AgentAttachScenarios {
    @Override Class<?> app() { return UndertowApp.class; }
    @Override boolean serverTimingAtExit() { return false; }
    @Override String container() { return "Undertow"; }
    @Override boolean errorSeenAtExit() { return false; }
}
