/**
 * The {@code actlab} command line: thin picocli commands that parse options and call the shared
 * runners in actlab-lab. No numerics or training logic lives here.
 */
package org.actlab.cli;
