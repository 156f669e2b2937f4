package dev.hotline.spring.boot;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether the starter starts Hotline: {@code hotline.enabled} is not false and the Hotline Java agent is not
 * attached (the agent then profiles every request itself, and a second profiler would only sample the same
 * threads again).
 */
final class HotlineConditions {
    private HotlineConditions() {}

    static class Active extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            if (!SpringSettings.enabled(context.getEnvironment())) {
                String origin = SpringSettings.originOf(context.getEnvironment(), "enabled");
                return ConditionOutcome.noMatch("hotline.enabled is false" + (origin == null ? "" : " (" + origin + ")"));
            }
            if (agentAttached()) return ConditionOutcome.noMatch("the Hotline Java agent profiles this application");
            return ConditionOutcome.match("hotline.enabled is not false and no Hotline Java agent is attached");
        }
    }

    /** The opposite of {@link Active}, so the starter can say in one line why it registered nothing. */
    static final class Inactive extends Active {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            ConditionOutcome active = super.getMatchOutcome(context, metadata);
            return new ConditionOutcome(!active.isMatch(), active.getConditionMessage()); // Boot 4 has no inverse()
        }
    }

    /** The agent's classes sit on the system class path when {@code -javaagent:hotline-agent.jar} is given. */
    static boolean agentAttached() {
        try {
            Class<?> agent = Class.forName("dev.hotline.agent.HotlineAgent", true, ClassLoader.getSystemClassLoader());
            return Boolean.TRUE.equals(agent.getMethod("isAttached").invoke(null));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return false;
        }
    }
}
