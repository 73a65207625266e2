package org.mfs.platform.api;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/**
 * The path and query parameters a resource method declares: its own, and those of its {@code @BeanParam} classes
 * (and their superclasses). Read once per method by reflection and kept.
 */
public final class DeclaredParameters {

    /**
     * One declared parameter; {@code type} is the element type of a {@code List<T>}, and {@code repeatable} says that
     * the parameter is such a collection (it may be given several times).
     */
    public record Declared(String name, Class<?> type, boolean inPath, boolean repeatable) {
    }

    private static final Map<Method, List<Declared>> BY_METHOD = new ConcurrentHashMap<>();

    private DeclaredParameters() {
    }

    /** The parameters {@code method} declares, path and query, in declaration order. */
    public static List<Declared> of(Method method) {
        return BY_METHOD.computeIfAbsent(method, DeclaredParameters::read);
    }

    private static List<Declared> read(Method method) {
        List<Declared> found = new ArrayList<>();
        for (Parameter p : method.getParameters()) {
            if (p.isAnnotationPresent(BeanParam.class)) {
                for (Class<?> c = p.getType(); c != null && c != Object.class; c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        add(f.getAnnotations(), f.getGenericType(), found);
                    }
                }
            } else {
                add(p.getAnnotations(), p.getParameterizedType(), found);
            }
        }
        return List.copyOf(found);
    }

    private static void add(Annotation[] annotations, Type type, List<Declared> to) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                to.add(new Declared(q.value(), elementType(type), false, isCollection(type)));
            } else if (a instanceof PathParam pp) {
                to.add(new Declared(pp.value(), elementType(type), true, isCollection(type)));
            }
        }
    }

    private static Class<?> elementType(Type type) {
        if (isCollection(type) && ((ParameterizedType) type).getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return type instanceof Class<?> c ? c : Object.class;
    }

    private static boolean isCollection(Type type) {
        Type raw = type instanceof ParameterizedType pt ? pt.getRawType() : type;
        return raw instanceof Class<?> c && Collection.class.isAssignableFrom(c);
    }
}
