package org.calmdesk.events.internal.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

import org.calmdesk.core.error.ValidationException;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * Which URLs a webhook may call: http or https to a host whose every address is public, unless
 * the address is in {@code allowedTargets}. Without this an admin account (or a stolen one) could
 * make Calmdesk call the database, the cloud metadata service or anything else inside the network.
 */
final class TargetPolicy {

    private final InetAddressSet allowed = new InetAddressSet();

    TargetPolicy(String allowedTargets) {
        if (allowedTargets != null) {
            for (String entry : allowedTargets.split(",")) {
                if (!entry.isBlank()) {
                    allowed.add(entry.trim());
                }
            }
        }
    }

    /** The URL as given, when it may be called. */
    URI check(String url) {
        URI uri;
        try {
            uri = url == null ? null : new URI(url.trim());
        } catch (Exception e) {
            uri = null;
        }
        if (uri == null || uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().toLowerCase(Locale.ROOT).equals("https") || uri.getScheme().toLowerCase(Locale.ROOT).equals("http"))) {
            throw new ValidationException("url", "must be an absolute http or https URL");
        }
        if (uri.getUserInfo() != null) {
            throw new ValidationException("url", "must not carry credentials; the signature authenticates Calmdesk");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new ValidationException("url", "host " + uri.getHost() + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address) && !allowed.test(address)) {
                throw new ValidationException("url", "resolves to " + address.getHostAddress() + ", a loopback, private or"
                        + " link-local address; allow it in allowedTargets of calmdesk.webhooks if this is intended");
            }
        }
        return uri;
    }

    static boolean isInternal(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocalV6 = bytes.length == 16 && (bytes[0] & 0xFE) == 0xFC;
        boolean sharedCgnat = bytes.length == 4 && (bytes[0] & 0xFF) == 100 && (bytes[1] & 0xC0) == 64;
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocalV6 || sharedCgnat;
    }
}
