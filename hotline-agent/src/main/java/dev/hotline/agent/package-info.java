/** The Java agent: exact line and method tracing, and zero-code attach to servlet containers. */
package dev.hotline.agent;
