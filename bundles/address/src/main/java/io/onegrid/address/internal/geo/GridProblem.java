package io.onegrid.address.internal.geo;

/**
 * Something wrong with one feature of a grid file, or with the file as a whole.
 *
 * @param index the feature's 0-based position in the file's {@code features} array, or {@link #FILE} when the problem
 *     concerns the whole file (not a FeatureCollection, malformed JSON outside any feature)
 * @param code the feature's code as written, or null when it has none or the problem concerns the whole file
 * @param message what is wrong, in words a person who drew the grids can act on
 */
public record GridProblem(int index, String code, String message) {

    /** The index of problems that belong to no single feature. */
    public static final int FILE = -1;

    @Override
    public String toString() {
        return (index == FILE ? "file" : "feature " + index + (code == null ? "" : " (" + code + ")")) + ": " + message;
    }
}
