package io.onegrid.api.health;

/** Whether a part of OneGrid can serve. */
public enum HealthStatus { UP, DOWN }
