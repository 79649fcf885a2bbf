// Old schema versions are brought up to the current one when read, never rewritten in place.
export interface Versioned {
  data: unknown;
  schemaVersion: number;
}

/** Per event type: a function that takes any stored version to the current one. */
export type Upcasters = Record<string, (event: Versioned) => Versioned>;

/** Chains single-step upcasters (v1→v2, v2→v3, …) into one. */
export function upcastChain(steps: Record<number, (data: any) => unknown>): (event: Versioned) => Versioned {
  return (event) => {
    let { data, schemaVersion } = event;
    while (steps[schemaVersion]) {
      data = steps[schemaVersion](data);
      schemaVersion += 1;
    }
    return { data, schemaVersion };
  };
}
