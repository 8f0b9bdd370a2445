package io.onegrid.address.internal.collect;

/** What the caller may do with a form: revise it, submit records, read records. */
public record Rights(boolean revise, boolean submit, boolean query) {
}
