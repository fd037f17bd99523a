/**
 * Connector and task identity and state: what the user asked for ({@link
 * io.tributary.runtime.internal.status.TargetState}) and what is observed ({@link
 * io.tributary.runtime.internal.status.State}), with Kafka Connect's names.
 */
package io.tributary.runtime.internal.status;
