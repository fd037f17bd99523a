package io.tributary.registry.client.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A least-recently-used map holding at most {@code capacity} entries. Thread-safe (every operation
 * holds the instance's lock; the loader of {@link #computeIfAbsent} runs outside it, so two threads
 * may load the same key and the first result wins).
 */
public final class BoundedCache<K, V> {
  private final int capacity;
  private final LinkedHashMap<K, V> entries;

  /** Creates a cache; {@code capacity} must be at least 1. */
  public BoundedCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("cache capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true);
  }

  /** The cached value, or null. */
  public synchronized V get(K key) {
    return entries.get(key);
  }

  /** Caches {@code value}, evicting the least recently used entry when full. */
  public synchronized void put(K key, V value) {
    entries.put(key, value);
    if (entries.size() > capacity) {
      Map.Entry<K, V> eldest = entries.entrySet().iterator().next();
      entries.remove(eldest.getKey());
    }
  }

  /** The cached value, else loads it (outside the lock), caches and returns it. */
  public V computeIfAbsent(K key, Function<K, V> loader) {
    V cached = get(key);
    if (cached != null) {
      return cached;
    }
    V loaded = loader.apply(key);
    synchronized (this) {
      V raced = entries.get(key);
      if (raced != null) {
        return raced;
      }
      put(key, loaded);
      return loaded;
    }
  }

  /** Removes every entry whose key matches. */
  public synchronized void removeIf(java.util.function.Predicate<K> keyMatches) {
    entries.keySet().removeIf(keyMatches);
  }

  /** The number of entries. */
  public synchronized int size() {
    return entries.size();
  }
}
