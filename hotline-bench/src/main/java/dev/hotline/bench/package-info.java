/** Benchmarks: JMH micro-benchmarks and the load-test application. */
package dev.hotline.bench;
