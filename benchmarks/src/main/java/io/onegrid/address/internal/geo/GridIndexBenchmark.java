package io.onegrid.address.internal.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Point &rarr; grid lookups per second on 5,000 irregular grids (12 to 28 vertices each, tiling 0.4° × 0.2°, about
 * 35 km × 22 km at 37° N), single-threaded and with 2 threads, each figure after 2 s of warm-up over 5 s, beside the
 * cost of the STRtree envelope walk alone, and beside JTS's own {@code STRtree.query} (which enters a synchronized
 * method on every call). Prints figures, asserts nothing; not run by the build.
 *
 * <p>Runs as part of {@code AddressBench} (section b) or alone, after the benchmarks module is packaged (see
 * docs/benchmarks.md): {@code java -cp benchmarks/target/onegrid-benchmarks.jar
 * io.onegrid.address.internal.geo.GridIndexBenchmark}. It moved here from the address bundle's tests; the tilings it
 * measures still come from there ({@code Tilings}, in the bundle's test jar).
 *
 * <p>Figures vary with the machine and its other load (on a shared 2-core VM, locate varied by ±30 % between runs while
 * the walk alone stayed within 5 %); compare the ratios, and run it more than once.
 */
public final class GridIndexBenchmark {

    private static final int POINTS = 1 << 20;
    private static final int MASK = POINTS - 1;
    private static final int BATCH = 1024;
    private static final long WARM_UP_MS = 2_000;
    private static final long MEASURE_MS = 5_000;

    static volatile long blackhole;

    private GridIndexBenchmark() {
    }

    /** One kind of operation over a batch of points; a class per kind, so the JIT profiles each loop on its own. */
    private abstract static class Work {
        abstract long batch(double[] xs, double[] ys, int from);
    }

    public static void main(String[] args) throws Exception {
        run();
    }

    /** Prints the figures; answers the lookups per second of {@code GridIndex.locate} with 1 and 2 threads. */
    public static double[] run() throws Exception {
        long start = System.nanoTime();
        List<GridFeature> features = Tilings.irregular(50, 100, 117.6, 37.3, 0.004, 2024, 0);
        long generated = System.nanoTime();
        List<GridProblem> problems = new GridValidator().validate(features);
        long validated = System.nanoTime();
        GridIndex index = new GridIndex(features);
        long built = System.nanoTime();
        int minVertices = Integer.MAX_VALUE;
        int maxVertices = 0;
        long vertices = 0;
        Envelope extent = new Envelope();
        STRtree jtsTree = new STRtree();
        for (GridFeature f : features) {
            int n = f.geometry().getNumPoints() - 1;
            minVertices = Math.min(minVertices, n);
            maxVertices = Math.max(maxVertices, n);
            vertices += n;
            extent.expandToInclude(f.geometry().getEnvelopeInternal());
            jtsTree.insert(f.geometry().getEnvelopeInternal(), f);
        }
        jtsTree.build();
        System.out.printf(Locale.ROOT, "%d grids, %d-%d vertices (mean %.1f), extent %.3f° x %.3f°; generated in %d ms,"
                + " validated in %d ms (%d problems), index built in %d ms%n", features.size(), minVertices,
                maxVertices, (double) vertices / features.size(), extent.getWidth(), extent.getHeight(),
                ms(generated - start), ms(validated - generated), problems.size(), ms(built - validated));

        // points over the extent: a few fall outside the wavy outer edge, as stray GPS fixes do
        Random random = new Random(1);
        double[] xs = new double[POINTS];
        double[] ys = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            xs[i] = extent.getMinX() + random.nextDouble() * extent.getWidth();
            ys[i] = extent.getMinY() + random.nextDouble() * extent.getHeight();
        }
        // one pass over all points: the statistics, and the JIT's first compilations before any clock runs
        long hits = 0;
        long candidates = 0;
        for (int i = 0; i < POINTS; i++) {
            hits += index.locate(xs[i], ys[i]).isPresent() ? 1 : 0;
            candidates += index.candidateCount(xs[i], ys[i]);
        }
        System.out.printf(Locale.ROOT, "%.1f %% of the points lie in a grid; %.2f envelopes cover a point on average%n",
                100.0 * hits / POINTS, (double) candidates / POINTS);

        Work locate = new Work() {
            @Override
            long batch(double[] x, double[] y, int from) {
                long sink = 0;
                for (int i = from; i < from + BATCH; i++) {
                    sink += index.locate(x[i], y[i]).map(String::length).orElse(0);
                }
                return sink;
            }
        };
        Work walk = new Work() {
            @Override
            long batch(double[] x, double[] y, int from) {
                long sink = 0;
                for (int i = from; i < from + BATCH; i++) {
                    sink += index.candidateCount(x[i], y[i]);
                }
                return sink;
            }
        };
        Work jtsQuery = new Work() {
            @Override
            long batch(double[] x, double[] y, int from) {
                long sink = 0;
                for (int i = from; i < from + BATCH; i++) {
                    sink += jtsTree.query(new Envelope(x[i], x[i], y[i], y[i])).size();
                }
                return sink;
            }
        };
        System.out.printf(Locale.ROOT, "%-46s %14s %14s%n", "lookups per second", "1 thread", "2 threads");
        double[] full = row("GridIndex.locate (walk + point-in-polygon)", locate, xs, ys);
        double[] alone = row("envelope walk alone (GridIndex's STRtree)", walk, xs, ys);
        double[] jts = row("JTS STRtree.query alone (for comparison)", jtsQuery, xs, ys);
        System.out.printf(Locale.ROOT, "locate costs %.1fx / %.1fx the envelope walk alone; the walk is %.1fx / %.1fx "
                + "as fast as STRtree.query%n", alone[0] / full[0], alone[1] / full[1], alone[0] / jts[0],
                alone[1] / jts[1]);
        System.out.printf(Locale.ROOT, "%d cores available%n", Runtime.getRuntime().availableProcessors());
        return full;
    }

    private static double[] row(String label, Work work, double[] xs, double[] ys) throws InterruptedException {
        double one = measure(work, 1, xs, ys);
        double two = measure(work, 2, xs, ys);
        System.out.printf(Locale.ROOT, "%-46s %,14.0f %,14.0f%n", label, one, two);
        return new double[] {one, two};
    }

    /** Operations per second over {@link #MEASURE_MS}, after {@link #WARM_UP_MS}, with {@code threads} threads. */
    private static double measure(Work work, int threads, double[] xs, double[] ys) throws InterruptedException {
        AtomicLongArray done = new AtomicLongArray(threads * 16); // one slot per 128 bytes: no false sharing
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int slot = t * 16;
            int first = (t * POINTS / threads) & ~(BATCH - 1);
            Thread worker = new Thread(() -> {
                int from = first;
                long count = 0;
                long sink = 0;
                while (!stop.get()) {
                    sink += work.batch(xs, ys, from);
                    from = (from + BATCH) & MASK;
                    count += BATCH;
                    done.lazySet(slot, count);
                }
                blackhole = sink; // the results stay observable, so the JIT cannot drop the work
            }, "bench-" + t);
            workers.add(worker);
            worker.start();
        }
        Thread.sleep(WARM_UP_MS);
        long c0 = sum(done, threads);
        long t0 = System.nanoTime();
        Thread.sleep(MEASURE_MS);
        long c1 = sum(done, threads);
        long t1 = System.nanoTime();
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        return (c1 - c0) / ((t1 - t0) / 1e9);
    }

    private static long sum(AtomicLongArray done, int threads) {
        long sum = 0;
        for (int t = 0; t < threads; t++) {
            sum += done.get(t * 16);
        }
        return sum;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
