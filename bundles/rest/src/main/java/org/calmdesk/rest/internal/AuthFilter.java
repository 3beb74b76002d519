package org.calmdesk.rest.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import javax.annotation.Priority;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.calmdesk.rest.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic against the Karaf JAAS realm, then the roles {@link RolePolicy}'s table allows for
 * the request's method and path. Open rows need no credentials; a path no row covers is
 * admin-only, so a new endpoint fails closed.
 */
@Priority(Priorities.AUTHENTICATION)
final class AuthFilter implements ContainerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(AuthFilter.class);
    private static final int MAX_CACHED_LOGINS = 10_000;

    @Context
    ResourceInfo resourceInfo;

    @Context
    HttpServletRequest servletRequest;

    private final String serverAddress;
    private final RestSettings settings;
    private final Map<String, CachedLogin> cache;
    private final PlatformRateLimits limits;
    private final LoginThrottle throttle;

    AuthFilter(String serverAddress, RestSettings settings, Map<String, CachedLogin> sharedCache, PlatformRateLimits limits) {
        this.serverAddress = serverAddress;
        this.settings = settings;
        this.cache = sharedCache;
        this.limits = limits;
        this.throttle = new LoginThrottle(limits, limits::settings);
    }

    static Map<String, CachedLogin> newCache() {
        return new ConcurrentHashMap<>();
    }

    record CachedLogin(String user, Set<String> roles, long expiresAt) {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (resourceInfo.getResourceMethod() == null || resourceInfo.getResourceClass() == UnknownPathResource.class) {
            return;
        }
        String path = apiPath(request);
        Set<String> allowed = RolePolicy.rolesFor(request.getMethod(), path);
        if (allowed == RolePolicy.OPEN) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String claimedUser = LoginThrottle.claimedUser(authorization);
        String address = authorization == null ? null : ClientAddress.of(servletRequest.getRemoteAddr(),
                servletRequest.getHeader("X-Forwarded-For"), limits.settings().trustForwardedFor());
        if (authorization != null) {
            // Before the password is looked at: during a lockout the right one fares like a wrong one.
            long lockedFor = throttle.lockedForSeconds(claimedUser, address);
            if (lockedFor > 0) {
                LOG.warn("429 on {}: too many failed logins for user {} or from {}", ProblemResponses.sanitize(
                        request.getUriInfo().getRequestUri().getRawPath()), ProblemResponses.sanitize(claimedUser),
                        ProblemResponses.sanitize(address));
                request.abortWith(RateLimitFilter.tooManyRequests("Too many failed logins; retry after " + lockedFor + " s",
                        request.getUriInfo().getRequestUri().getRawPath(), lockedFor));
                return;
            }
        }
        CachedLogin login = authenticate(authorization);
        if (login == null && authorization != null) {
            throttle.failed(claimedUser, address);
        }
        if (login == null) {
            LOG.warn("401 on {}: missing or wrong credentials", ProblemResponses.sanitize(request.getUriInfo().getRequestUri().getRawPath()));
            request.abortWith(Response.fromResponse(ProblemResponses.problem(401, "Unauthorized",
                    "Send valid HTTP Basic credentials", request.getUriInfo().getRequestUri().getRawPath()))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Calmdesk\", charset=\"UTF-8\"").build());
            return;
        }
        if (login.roles().stream().noneMatch(allowed::contains)) {
            LOG.warn("403 on {} {} for user {}", request.getMethod(),
                    ProblemResponses.sanitize(request.getUriInfo().getRequestUri().getRawPath()), ProblemResponses.sanitize(login.user()));
            request.abortWith(ProblemResponses.problem(403, "Forbidden",
                    "This operation needs one of the roles " + new TreeSet<>(allowed), request.getUriInfo().getRequestUri().getRawPath()));
            return;
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new BasicSecurityContext(login, secure));
    }

    /** The request path below the CXF servlet, as the role table names it: {@code /v1/customers/42}. */
    private String apiPath(ContainerRequestContext request) {
        String relative = request.getUriInfo().getPath(false);
        return ("/" + serverAddress + "/" + relative).replaceAll("/+", "/");
    }

    CachedLogin authenticate(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String key = sha256(header);
        long now = System.currentTimeMillis();
        CachedLogin cached = cache.get(key);
        if (cached != null && cached.expiresAt() > now) {
            return cached;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        CachedLogin login = login(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray(), now);
        if (login != null && settings.authCacheMillis > 0) {
            if (cache.size() >= MAX_CACHED_LOGINS) {
                cache.clear();
            }
            cache.put(key, login);
        }
        return login;
    }

    private CachedLogin login(String user, char[] password, long now) {
        Subject subject = new Subject();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(AuthFilter.class.getClassLoader());
        try {
            LoginContext context = new LoginContext(settings.realm, subject, callbacks -> {
                for (var callback : callbacks) {
                    if (callback instanceof NameCallback name) {
                        name.setName(user);
                    } else if (callback instanceof PasswordCallback pass) {
                        pass.setPassword(password);
                    } else {
                        throw new UnsupportedCallbackException(callback);
                    }
                }
            });
            context.login();
            Set<String> roles = new HashSet<>();
            String name = user;
            for (Principal principal : subject.getPrincipals()) {
                if (principal instanceof RolePrincipal) {
                    roles.add(principal.getName());
                } else if (principal instanceof UserPrincipal) {
                    name = principal.getName();
                }
            }
            context.logout();
            return new CachedLogin(name, Set.copyOf(roles), now + settings.authCacheMillis);
        } catch (LoginException e) {
            return null;
        } finally {
            Arrays.fill(password, '\0');
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** The authenticated caller, as resources see it through {@code @Context SecurityContext}. */
    static final class BasicSecurityContext implements SecurityContext {
        private final CachedLogin login;
        private final boolean secure;

        BasicSecurityContext(CachedLogin login, boolean secure) {
            this.login = login;
            this.secure = secure;
        }

        CachedLogin login() {
            return login;
        }

        @Override
        public Principal getUserPrincipal() {
            return login::user;
        }

        @Override
        public boolean isUserInRole(String role) {
            return login.roles().contains(role) || login.roles().contains(Roles.ADMIN);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return BASIC_AUTH;
        }
    }
}
