/**
 * Per-layer health of a network from training snapshots and an evaluation set: saturation, dead
 * units, centring, gradient flow, and advice that follows from the lecture. No training lives here.
 */
package org.actlab.diagnose;
