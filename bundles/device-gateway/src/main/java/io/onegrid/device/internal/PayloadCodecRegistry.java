package io.onegrid.device.internal;

import io.onegrid.device.api.PayloadCodec;
import io.onegrid.device.api.PayloadCodecs;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The whiteboard of {@link PayloadCodec}s, by name; the highest service ranking wins a name claimed twice. */
@Component(service = PayloadCodecs.class)
public final class PayloadCodecRegistry implements PayloadCodecs {

    private static final Logger LOG = LoggerFactory.getLogger(PayloadCodecRegistry.class);

    /** A registered codec with what orders it among others of the same name. */
    private record Entry(PayloadCodec codec, int ranking, long serviceId) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int byRanking = Integer.compare(o.ranking, ranking);
            int byId = byRanking != 0 ? byRanking : Long.compare(serviceId, o.serviceId);
            return byId != 0 ? byId : Integer.compare(System.identityHashCode(codec), System.identityHashCode(o.codec));
        }
    }

    private final Map<String, ConcurrentSkipListMap<Entry, Boolean>> byName = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCodec(PayloadCodec codec, Map<String, Object> props) {
        String name = name(props);
        if (name == null) {
            LOG.warn("Payload codec {} has no '{}' property; ignored", codec.getClass().getName(), PayloadCodec.NAME);
            return;
        }
        byName.computeIfAbsent(name, n -> new ConcurrentSkipListMap<>()).put(entry(codec, props), Boolean.TRUE);
    }

    void removeCodec(PayloadCodec codec, Map<String, Object> props) {
        String name = name(props);
        if (name != null) {
            byName.computeIfPresent(name, (n, codecs) -> {
                codecs.keySet().removeIf(e -> e.codec == codec);
                return codecs.isEmpty() ? null : codecs;
            });
        }
    }

    private static String name(Map<String, Object> props) {
        Object n = props.get(PayloadCodec.NAME);
        return n instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    private static Entry entry(PayloadCodec codec, Map<String, Object> props) {
        Object ranking = props.get(Constants.SERVICE_RANKING);
        Object id = props.get(Constants.SERVICE_ID);
        return new Entry(codec, ranking instanceof Integer r ? r : 0, id instanceof Long l ? l : 0L);
    }

    @Override
    public Optional<PayloadCodec> find(String name) {
        ConcurrentSkipListMap<Entry, Boolean> codecs = name == null ? null : byName.get(name.strip());
        if (codecs == null) {
            return Optional.empty();
        }
        Map.Entry<Entry, Boolean> first = codecs.firstEntry();
        return first == null ? Optional.empty() : Optional.of(first.getKey().codec);
    }

    @Override
    public Set<String> names() {
        return new TreeSet<>(byName.keySet());
    }
}
