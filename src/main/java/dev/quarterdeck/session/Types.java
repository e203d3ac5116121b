package dev.quarterdeck.session;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;

/** The little of {@link java.lang.reflect.Type} the journal's codec needs: raw classes and type arguments. */
final class Types {
    private Types() {}

    /** {@code List} for {@code List<Access>}; the bound for a wildcard or type variable. */
    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return raw(p.getRawType());
        }
        if (type instanceof WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        if (type instanceof TypeVariable<?> v) {
            return raw(v.getBounds()[0]);
        }
        if (type instanceof GenericArrayType a) {
            return raw(a.getGenericComponentType()).arrayType();
        }
        return Object.class;
    }

    /** The {@code index}-th type argument: {@code Access} for {@code List<Access>}; Object when unknown. */
    static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            Type arg = p.getActualTypeArguments()[index];
            return arg instanceof WildcardType w ? w.getUpperBounds()[0] : arg;
        }
        return Object.class;
    }

    /** A sealed interface or class whose permitted subclasses are told apart by name in JSON. */
    static boolean isSealedFamily(Class<?> raw) {
        return raw.isSealed() && !raw.isRecord();
    }
}
