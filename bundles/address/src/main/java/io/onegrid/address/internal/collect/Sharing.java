package io.onegrid.address.internal.collect;

import java.util.List;

/** With which levels below its owner a form shares entry (submitting records) and query (reading them). */
public record Sharing(List<String> entry, List<String> query) {
}
