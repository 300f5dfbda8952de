/**
 * Bounded memory for stateful simulators (idempotent replays, sessions, counters). Simulators run in
 * the BFF process for every workspace's test executions, so what they remember must not grow
 * without limit: at most `max` entries, the oldest forgotten first. Nothing remembered may depend on
 * another workspace's calls in a way a test run could observe (keys are unguessable idempotency
 * keys or tokens the simulator issued).
 */
export function remember<K, V>(map: Map<K, V>, key: K, value: V, max = 1000): V {
  map.delete(key);
  while (map.size >= max) map.delete(map.keys().next().value as K);
  map.set(key, value);
  return value;
}
