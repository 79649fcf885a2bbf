// Given (events) / When (command) / Then (events or error): decider specs that read like the domain.
import type { Decision, DomainErrorKind } from '../result.js';

export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Decision<Event>;
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export function deciderSpec<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return (...given: Event[]) => ({
    when: (command: Command) => {
      const state = given.reduce(decider.evolve, decider.initialState());
      const decision = decider.decide(command, state);
      return {
        then(...expected: Event[]) {
          if (!decision.ok) throw new Error(`Expected events, got refusal ${decision.error.code}: ${decision.error.message}`);
          expect(decision.events).toEqual(expected);
        },
        thenRefused(kind: DomainErrorKind, code?: string) {
          if (decision.ok) throw new Error(`Expected a refusal (${kind}), got events: ${JSON.stringify(decision.events)}`);
          expect(decision.error.kind).toBe(kind);
          if (code) expect(decision.error.code).toBe(code);
          expect(decision.error.message.length).toBeGreaterThan(10);
          return decision.error;
        },
        /** The state after the new events, for checks on what the decision led to. */
        state(): State {
          if (!decision.ok) throw new Error(`Refused: ${decision.error.message}`);
          return decision.events.reduce(decider.evolve, state);
        },
      };
    },
  });
}
