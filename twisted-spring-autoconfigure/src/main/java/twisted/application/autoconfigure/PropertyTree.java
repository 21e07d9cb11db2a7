package twisted.application.autoconfigure;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;

/**
 * The keys a type binds, as a tree: record components, constructor parameters or JavaBean
 * properties in kebab-case; a map's keys are free and lead to its value type; a list takes
 * indexes. {@link #unknown} walks a property name down the tree and reports the first element
 * nothing binds, with the keys known at that level.
 */
final class PropertyTree {

    /** Deep enough for options with nested types; below it, anything is accepted. */
    private static final int MAX_DEPTH = 4;

    private static final PropertyTree LEAF = new PropertyTree(Kind.LEAF, Map.of(), null);

    private static final PropertyTree ANY = new PropertyTree(Kind.ANY, Map.of(), null);

    private enum Kind {
        LEAF, ANY, MAP, LIST, BEAN
    }

    private final Kind kind;

    /** Children of a bean, by uniform name (lower case, no dashes) to kebab-case name and tree. */
    private final Map<String, Map.Entry<String, PropertyTree>> children;

    private final @Nullable PropertyTree element;

    private PropertyTree(Kind kind, Map<String, Map.Entry<String, PropertyTree>> children, @Nullable PropertyTree element) {
        this.kind = kind;
        this.children = children;
        this.element = element;
    }

    /** A tree that takes any key. */
    static PropertyTree any() {
        return ANY;
    }

    /** A key with a value and no sub-keys. */
    static PropertyTree leaf() {
        return LEAF;
    }

    /** A map whose keys are free and whose values are {@code value}. */
    static PropertyTree mapOf(PropertyTree value) {
        return new PropertyTree(Kind.MAP, Map.of(), value);
    }

    /** The keys {@code type} binds. */
    static PropertyTree of(Class<?> type) {
        return of(ResolvableType.forClass(type), 0);
    }

    /** These keys, each to its tree (kebab-case names). */
    static PropertyTree of(Map<String, PropertyTree> keys) {
        Map<String, Map.Entry<String, PropertyTree>> children = new LinkedHashMap<>();
        keys.forEach((name, tree) -> children.put(uniform(name), Map.entry(name, tree)));
        return new PropertyTree(Kind.BEAN, children, null);
    }

    /** This tree with more keys (a bean's tree only). */
    PropertyTree with(String name, PropertyTree tree) {
        Map<String, Map.Entry<String, PropertyTree>> children = new LinkedHashMap<>(this.children);
        children.put(uniform(name), Map.entry(name, tree));
        return new PropertyTree(Kind.BEAN, children, null);
    }

    private static PropertyTree of(ResolvableType type, int depth) {
        Class<?> raw = type.resolve(Object.class);
        if (depth > MAX_DEPTH || raw == Object.class) {
            return ANY;
        }
        if (Map.class.isAssignableFrom(raw)) {
            return mapOf(of(type.asMap().getGeneric(1), depth + 1));
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return new PropertyTree(Kind.LIST, Map.of(), of(type.asCollection().getGeneric(0), depth + 1));
        }
        if (raw.isArray()) {
            return new PropertyTree(Kind.LIST, Map.of(), of(type.getComponentType(), depth + 1));
        }
        if (isValue(raw)) {
            return LEAF;
        }
        Map<String, Map.Entry<String, PropertyTree>> children = new LinkedHashMap<>();
        properties(type).forEach((name, propertyType) -> {
            String kebab = kebab(name);
            children.put(uniform(kebab), Map.entry(kebab, of(propertyType, depth + 1)));
        });
        return new PropertyTree(Kind.BEAN, children, null);
    }

    private static boolean isValue(Class<?> raw) {
        String name = raw.getName();
        return raw.isPrimitive() || raw.isEnum() || name.startsWith("java.") || name.startsWith("javax.")
                || name.startsWith("org.springframework.");
    }

    private static Map<String, ResolvableType> properties(ResolvableType type) {
        Class<?> raw = type.resolve(Object.class);
        Map<String, ResolvableType> properties = new LinkedHashMap<>();
        if (raw.isRecord()) {
            for (RecordComponent component : raw.getRecordComponents()) {
                properties.put(component.getName(), ResolvableType.forMethodReturnType(component.getAccessor(), raw));
            }
            return properties;
        }
        Constructor<?>[] constructors = raw.getDeclaredConstructors();
        if (constructors.length == 1 && constructors[0].getParameterCount() > 0) {
            String[] names = new DefaultParameterNameDiscoverer().getParameterNames(constructors[0]);
            if (names != null) {
                for (int i = 0; i < names.length; i++) {
                    properties.put(names[i], ResolvableType.forMethodParameter(new MethodParameter(constructors[0], i), type));
                }
                return properties;
            }
        }
        for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(raw)) {
            if (!"class".equals(descriptor.getName()) && descriptor.getReadMethod() != null) {
                properties.put(descriptor.getName(), ResolvableType.forMethodReturnType(descriptor.getReadMethod(), raw));
            }
        }
        return properties;
    }

    /**
     * Walks {@code name} from its element {@code from} down this tree.
     *
     * @return the first element nothing binds, or {@code null} when every element is known
     */
    @Nullable Unknown unknown(ConfigurationPropertyName name, int from) {
        PropertyTree tree = this;
        for (int i = from; i < name.getNumberOfElements(); i++) {
            switch (tree.kind) {
                case ANY:
                    return null;
                case MAP:
                    tree = tree.element;
                    break;
                case LIST:
                    if (!name.isNumericIndex(i)) {
                        return new Unknown(i, new TreeSet<>());
                    }
                    tree = tree.element;
                    break;
                case BEAN:
                    Map.Entry<String, PropertyTree> child = tree.children.get(uniform(name.getElement(i, Form.ORIGINAL)));
                    if (child == null) {
                        return new Unknown(i, known(tree));
                    }
                    tree = child.getValue();
                    break;
                default:
                    return new Unknown(i, new TreeSet<>());
            }
        }
        return null;
    }

    private static TreeSet<String> known(PropertyTree tree) {
        TreeSet<String> names = new TreeSet<>();
        tree.children.values().forEach(child -> names.add(child.getKey()));
        return names;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String uniform(String name) {
        return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The element nothing binds.
     *
     * @param index its position in the name
     * @param known the keys known at that level (empty when the level takes no sub-keys)
     */
    record Unknown(int index, TreeSet<String> known) {
    }
}
