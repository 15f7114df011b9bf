package dev.interlink.admin;

import com.vaadin.flow.di.DefaultInstantiator;
import com.vaadin.flow.di.Instantiator;
import com.vaadin.flow.di.InstantiatorFactory;
import com.vaadin.flow.server.VaadinService;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Lets Vaadin create our package-private views (code-style §5.10: views are package-private, the public API of
 * a UI package is its {@code *Navigation} class). Plain Vaadin would look them up with {@link
 * java.util.ServiceLoader}, which refuses non-public types ("service type not accessible"). Registered in
 * {@code META-INF/services}; Karibu tests pick it up too.
 */
public class AdminUiInstantiatorFactory implements InstantiatorFactory {
    private static final String OUR_PACKAGE = AdminUiInstantiatorFactory.class.getPackageName() + ".";

    @Override
    public Instantiator createInstantitor(VaadinService service) { // (sic) Vaadin's method name
        return new DefaultInstantiator(service) {
            @Override
            public <T> T getOrCreate(Class<T> type) {
                if (type.getName().startsWith(OUR_PACKAGE)) {
                    return construct(type);
                }
                return super.getOrCreate(type);
            }
        };
    }

    static <T> T construct(Class<T> type) {
        try {
            Constructor<T> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Cannot create " + type.getName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create " + type.getName(), e);
        }
    }
}
