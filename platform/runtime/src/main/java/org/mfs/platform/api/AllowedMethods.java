package org.mfs.platform.api;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The methods the service's resources declare for a request path, for the {@code Allow} header a 405 must carry
 * (RFC 9110, 15.5.6), which Quarkus REST leaves out. Read once from the resource classes ({@code @Path} and the
 * HTTP method annotations); a path is matched the way JAX-RS matches it: among the templates that match, those with
 * the most literal characters win ({@code /agreements/export} over {@code /agreements/{id}}).
 */
@ApplicationScoped
public class AllowedMethods {

    private record Route(Pattern pattern, int literals, String method) {
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*\\})+))?\\}");

    private final BeanManager beans;
    private volatile List<Route> routes;

    public AllowedMethods(BeanManager beans) {
        this.beans = beans;
    }

    /** The {@code Allow} value for {@code path}, or null when no resource template matches it. */
    public String allow(String path) {
        String p = normalise(path);
        int best = -1;
        Set<String> methods = new TreeSet<>();
        for (Route r : routes()) {
            if (r.literals() < best || !r.pattern().matcher(p).matches()) {
                continue;
            }
            if (r.literals() > best) {
                best = r.literals();
                methods.clear();
            }
            methods.add(r.method());
        }
        if (methods.isEmpty()) {
            return null;
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        methods.add("OPTIONS"); // answered by Quarkus REST for every resource path
        return String.join(", ", methods);
    }

    /**
     * Quarkus REST answers {@code OPTIONS} itself, with the methods of every path of the resource class ({@code POST}
     * for {@code /api/v1/agreements/{id}}, because of {@code /{id}/transitions}); the answer gets the same list a 405
     * gives for that path.
     */
    @ServerResponseFilter
    public void sameAllowForOptions(ContainerRequestContext request, ContainerResponseContext response) {
        if (HttpMethod.OPTIONS.equals(request.getMethod()) && response.getHeaders().containsKey(HttpHeaders.ALLOW)) {
            String allow = allow(request.getUriInfo().getPath());
            if (allow != null) {
                response.getHeaders().putSingle(HttpHeaders.ALLOW, allow);
            }
        }
    }

    private List<Route> routes() {
        List<Route> r = routes;
        if (r == null) {
            r = read();
            routes = r;
        }
        return r;
    }

    private List<Route> read() {
        List<Route> found = new ArrayList<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method m : type.getMethods()) {
                String http = httpMethod(m);
                if (http == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String template = normalise(root.value() + (sub == null ? "" : "/" + sub.value()));
                found.add(route(template, http));
            }
        }
        return List.copyOf(found);
    }

    static Route route(String template, String method) {
        StringBuilder regex = new StringBuilder();
        int literals = 0;
        int at = 0;
        Matcher v = VARIABLE.matcher(template);
        while (v.find()) {
            regex.append(Pattern.quote(template.substring(at, v.start())));
            literals += v.start() - at;
            regex.append('(').append(v.group(1) == null ? "[^/]+" : v.group(1).strip()).append(')');
            at = v.end();
        }
        regex.append(Pattern.quote(template.substring(at)));
        literals += template.length() - at;
        return new Route(Pattern.compile(regex.toString()), literals, method);
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String normalise(String path) {
        String p = path.replaceAll("/{2,}", "/");
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
