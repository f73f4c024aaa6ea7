/**
 * The interactive playground: a Javalin server with a JSON and server-sent-events API over per-session
 * training in the engine, and the static single-page app it serves. No network maths lives here.
 */
package org.actlab.web;
