package org.mfs.platform.api;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import org.mfs.platform.problem.InvalidQueryParameter;

/**
 * Reads the suite's enum query parameters strictly and answers a wrong value with 400 naming the accepted
 * values (JAX-RS would otherwise answer 404 for a query parameter it cannot convert).
 */
@Provider
public class EnumQueryParams implements ParamConverterProvider {

    @Override
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (!rawType.isEnum() || !rawType.getPackageName().startsWith("org.mfs.")) {
            return null;
        }
        String name = Arrays.stream(annotations).filter(a -> a instanceof QueryParam).map(a -> ((QueryParam) a).value())
                .findFirst().orElse(rawType.getSimpleName());
        Class<? extends Enum> type = (Class<? extends Enum>) rawType;
        return new ParamConverter<T>() {
            @Override
            public T fromString(String value) {
                if (value == null || value.isBlank()) {
                    return null;
                }
                try {
                    return (T) Enum.valueOf(type, value.strip());
                } catch (IllegalArgumentException e) {
                    throw new InvalidQueryParameter(name, value, "one of " + Arrays.toString(type.getEnumConstants()));
                }
            }

            @Override
            public String toString(T value) {
                return value == null ? null : ((Enum<?>) value).name();
            }
        };
    }
}
