package io.onegrid.broker.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A {@link BrokerConfig} as DS would make it: the metatype defaults, with some values replaced. */
final class Configs {

    private Configs() {
    }

    static BrokerConfig broker(Map<String, Object> values) {
        return (BrokerConfig) Proxy.newProxyInstance(BrokerConfig.class.getClassLoader(),
                new Class<?>[] {BrokerConfig.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (method.getName()) {
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "BrokerConfig" + values;
                        case "annotationType" -> BrokerConfig.class;
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }
}
