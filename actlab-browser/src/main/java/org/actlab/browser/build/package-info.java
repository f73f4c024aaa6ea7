/**
 * Build-time help for the WebAssembly compile (TeaVM): nothing here runs in the browser or on the JVM.
 */
package org.actlab.browser.build;
