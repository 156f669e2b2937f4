package dev.hotline.core.fleet;

import java.sql.Connection;

/** A JVM that migrates a store and exits: many of them start at once in {@link FleetWriterTest}. */
public final class MigrateMain {
    public static void main(String[] args) throws Exception {
        try (Connection c = FleetConnections.open(args[0], null, null)) {
            FleetSchema.migrate(c, "jvm-" + ProcessHandle.current().pid());
        }
        System.out.println("migrated");
    }
}
