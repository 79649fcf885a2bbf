// Domain errors are values: a refused command is an answer a person can read.
export type DomainErrorKind = 'invalid' | 'forbidden' | 'not-found' | 'conflict';

export interface DomainError {
  kind: DomainErrorKind;
  /** Stable machine-readable code, e.g. `idea.not-in-review`. */
  code: string;
  message: string;
}

export type Decision<E> = { ok: true; events: E[] } | { ok: false; error: DomainError };

export const accept = <E>(...events: E[]): Decision<E> => ({ ok: true, events });
export const refuse = <E = never>(kind: DomainErrorKind, code: string, message: string): Decision<E> => ({
  ok: false,
  error: { kind, code, message },
});
