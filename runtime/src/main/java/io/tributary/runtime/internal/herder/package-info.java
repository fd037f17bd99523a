/**
 * The worker as its REST API sees it: {@link io.tributary.runtime.internal.herder.Herder} and the
 * values it answers with.
 */
package io.tributary.runtime.internal.herder;
