/**
 * A deep copy of a record: what goes into the memory store and what comes
 * out, so neither side can change the other's. Records are plain data
 * (objects, arrays, dates, JSON values), which this copies several times
 * faster than `structuredClone`; anything else still goes through it.
 */
export function copy<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copy) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(value)) {
    const field = copy((value as Record<string, unknown>)[name]);
    // A JSON `__proto__` key is data: assigning it would set the prototype instead.
    if (name === '__proto__')
      Object.defineProperty(out, name, { value: field, enumerable: true, writable: true, configurable: true });
    else out[name] = field;
  }
  return out as T;
}
