/**
 * Sets `key` on `obj` as an own, enumerable property, as JSON.parse would: `obj[key] = value` sets the
 * prototype instead when the key is "__proto__" (a key read from a user's file can be anything).
 */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
