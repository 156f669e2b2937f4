/** The results page and its JSON API, independent of any servlet API. */
package dev.hotline.ui;
