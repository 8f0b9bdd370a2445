package io.onegrid.samples.simulator;

import java.time.Duration;
import java.util.Random;

/**
 * The water level of one station through a storm: a gamma-shaped flood wave on top of the base flow. The level rises
 * from {@code base} to {@code peak} at {@code timeToPeak}, then recedes more slowly than it rose (the long tail of a
 * real hydrograph, from water still draining off the catchment): {@code base + (peak - base) * (x e^(1-x))^k} with
 * {@code x = t / timeToPeak}. A larger {@code k} makes a sharper wave. Noise is Gaussian with the given standard
 * deviation, from a seeded generator so that a run can be repeated.
 */
public final class Hydrograph {

    private final double base;
    private final double peak;
    private final Duration timeToPeak;
    private final double shape;
    private final double noise;
    private final Random random;

    public Hydrograph(double base, double peak, Duration timeToPeak, double shape, double noise, long seed) {
        if (peak < base) {
            throw new IllegalArgumentException("the peak " + peak + " m is below the base " + base + " m");
        }
        if (timeToPeak.isNegative() || timeToPeak.isZero()) {
            throw new IllegalArgumentException("the time to peak must be positive");
        }
        if (shape <= 0 || noise < 0) {
            throw new IllegalArgumentException("shape must be positive and noise not negative");
        }
        this.base = base;
        this.peak = peak;
        this.timeToPeak = timeToPeak;
        this.shape = shape;
        this.noise = noise;
        this.random = new Random(seed);
    }

    /** The level without noise, {@code t} after the storm began (before it: the base). */
    public double level(Duration t) {
        if (t.isNegative()) {
            return base;
        }
        double x = t.toMillis() / (double) timeToPeak.toMillis();
        double wave = Math.pow(x * Math.exp(1 - x), shape);
        return base + (peak - base) * wave;
    }

    /** A measured level: the curve plus noise, never below zero, rounded to the millimetre like a gauge. */
    public double measured(Duration t) {
        double v = level(t) + random.nextGaussian() * noise;
        return Math.round(Math.max(0, v) * 1000) / 1000.0;
    }

    public double base() {
        return base;
    }

    public double peak() {
        return peak;
    }

    public Duration timeToPeak() {
        return timeToPeak;
    }
}
