/**
 * Small text helpers shared by the registries of every module, such as the did-you-mean hint for
 * a mistyped name. No numerics and no I/O live here.
 */
package org.actlab.text;
