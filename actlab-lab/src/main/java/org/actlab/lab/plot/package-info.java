/**
 * Charts of activation functions and their derivatives (JFreeChart, written as SVG or PNG), shared
 * by the CLI's {@code plot} command and the HTML report. Training curves belong to the experiments.
 */
package org.actlab.lab.plot;
