package io.asmdr.config;

/** Which Bookinfo {@code reviews} version runs in a region (the tutorial: v1 in Hangzhou, v2 in Shanghai). */
public record BookinfoSpec(String reviews, int reviewsReplicas) {}
