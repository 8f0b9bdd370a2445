package io.onegrid.api.identity;

/** Rural grids hold up to about 150 households, urban ones about 300 (local rules). */
public enum AreaKind { RURAL, URBAN }
