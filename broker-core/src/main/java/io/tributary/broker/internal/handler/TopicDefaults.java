package io.tributary.broker.internal.handler;

/**
 * Broker-wide rules for topics created without explicit settings.
 *
 * @param autoCreate whether Metadata requests create unknown topics (auto.create.topics.enable)
 * @param defaultPartitions partitions of auto-created topics and of creates asking for -1
 *     (num.partitions)
 */
public record TopicDefaults(boolean autoCreate, int defaultPartitions) {}
