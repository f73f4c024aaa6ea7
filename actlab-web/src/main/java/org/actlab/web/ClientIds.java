package org.actlab.web;

import io.javalin.http.Context;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who is calling, for the per-client limits (docs/SECURITY.md). On loopback every client has the same
 * address, so the server gives each browser an id of its own in a cookie: random, signed with a key
 * that lives as long as the server (an id the server did not issue is replaced by a new one), and
 * {@code HttpOnly; SameSite=Strict}, so page scripts cannot read it and other sites' requests do not
 * carry it. The id is for accounting only, never an authority: session ids stay the capabilities.
 *
 * <p>A client that sends no cookie (a script, {@code curl}) gets a new id with every request, so each of
 * its sessions counts as another client's, and only the server-wide caps bound it. A hostile local client
 * can do the same on purpose; the per-client caps bound clients that keep their id, such as a browser
 * with many tabs or a page stuck in a loop.
 */
final class ClientIds {

    /** The request attribute that holds the caller's id. */
    static final String ATTRIBUTE = "actlab.client";

    private static final int RANDOM_BYTES = 16;
    private static final int MAC_BYTES = 16;
    private static final HexFormat HEX = HexFormat.of();

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    ClientIds() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /**
     * The cookie's name for a server on this port: browsers share cookies between the ports of one host,
     * so two servers on one machine would otherwise keep replacing each other's ids.
     */
    static String cookieName(int port) {
        return "actlab-client-" + port;
    }

    /** The caller's id from its cookie, or a new one set in the answer's cookie; stored in {@link #ATTRIBUTE}. */
    String identify(Context ctx, int port) {
        String name = cookieName(port);
        String id = ctx.cookie(name);
        if (id == null || !valid(id)) {
            id = issue();
            ctx.header("Set-Cookie", name + "=" + id + "; Path=/; HttpOnly; SameSite=Strict");
        }
        ctx.attribute(ATTRIBUTE, id);
        return id;
    }

    /** The id stored by {@link #identify} for this request. */
    static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        if (id == null) {
            throw new IllegalStateException("the request was not identified");
        }
        return id;
    }

    String issue() {
        byte[] nonce = new byte[RANDOM_BYTES];
        random.nextBytes(nonce);
        return HEX.formatHex(nonce) + "." + HEX.formatHex(mac(nonce));
    }

    /** True for an id this server issued: the random part's signature matches. */
    boolean valid(String id) {
        int dot = id.indexOf('.');
        if (dot != 2 * RANDOM_BYTES || id.length() != dot + 1 + 2 * MAC_BYTES) {
            return false;
        }
        try {
            byte[] nonce = HEX.parseHex(id, 0, dot);
            byte[] mac = HEX.parseHex(id, dot + 1, id.length());
            return MessageDigest.isEqual(mac, mac(nonce));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private byte[] mac(byte[] nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal(nonce);
            byte[] cut = new byte[MAC_BYTES];
            System.arraycopy(full, 0, cut, 0, MAC_BYTES);
            return cut;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }
}
