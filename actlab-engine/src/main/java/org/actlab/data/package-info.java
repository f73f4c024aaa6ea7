/**
 * Seeded data: TF Playground's 2-D sets, moons, 1-D regression targets, CSV and MNIST IDX loaders,
 * splits and shuffling. Everything random takes a seed.
 */
package org.actlab.data;
