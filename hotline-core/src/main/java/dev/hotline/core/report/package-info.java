/**
 * Plain-text reports of a profile: the per-method line table ({@link dev.hotline.core.report.LineTableReport}),
 * the call tree ({@link dev.hotline.core.report.CallTreeReport}) and both at once
 * ({@link dev.hotline.core.report.TextReports}), with {@link dev.hotline.core.report.SourceLocator} finding
 * the source code shown next to each line.
 *
 * <p>Every name, path and line of code taken from a profile or a source file is escaped before it is written:
 * control characters and the Unicode characters that reorder text appear as escapes such as
 * {@code \n}, so a report can be printed to a terminal or a log safely.
 *
 * @since 0.1
 */
package dev.hotline.core.report;
