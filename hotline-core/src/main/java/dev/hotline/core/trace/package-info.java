/**
 * The service a line tracer (the Java agent) plugs into: it hears when threads join and leave profiled requests
 * and contributes exact line and method figures to their profiles.
 */
package dev.hotline.core.trace;
