// The registry of organisations: registered once under the id their tokens carry, renamed (or re-kinded) later.
import { accept, refuse, type Decision } from '#platform';
import { ORGANISATION_KINDS, type OrganisationEvent, type OrganisationKind, type OrganisationNames } from './organisation.events.js';

export type OrganisationCommand =
  | { type: 'RegisterOrganisation'; organisation: string; names: OrganisationNames; kind: OrganisationKind }
  | { type: 'RenameOrganisation'; names?: Partial<OrganisationNames>; kind?: OrganisationKind };

export type OrganisationState = { status: 'none' } | { status: 'registered'; organisation: string; names: OrganisationNames; kind: OrganisationKind };

export function evolveOrganisation(state: OrganisationState, event: OrganisationEvent): OrganisationState {
  switch (event.type) {
    case 'OrganisationRegistered':
    case 'OrganisationRenamed':
      return { status: 'registered', organisation: event.data.organisation, names: event.data.names, kind: event.data.kind };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** Names trimmed, an empty English name dropped; undefined when Finnish or Swedish is missing. */
function cleanNames(names: Partial<OrganisationNames>): OrganisationNames | undefined {
  const fi = names.fi?.trim() ?? '';
  const sv = names.sv?.trim() ?? '';
  const en = names.en?.trim();
  if (!fi || !sv) return undefined;
  return en ? { fi, sv, en } : { fi, sv };
}

const sameNames = (a: OrganisationNames, b: OrganisationNames) => a.fi === b.fi && a.sv === b.sv && (a.en ?? '') === (b.en ?? '');

export function decideOrganisation(command: OrganisationCommand, state: OrganisationState): Decision<OrganisationEvent> {
  switch (command.type) {
    case 'RegisterOrganisation': {
      if (state.status !== 'none') return refuse('conflict', 'organisation.exists', `The organisation "${command.organisation}" is already registered; rename it instead.`);
      const names = cleanNames(command.names);
      if (!names) return refuse('invalid', 'organisation.names-required', 'An organisation needs its name in Finnish and in Swedish.');
      if (!ORGANISATION_KINDS.includes(command.kind)) return refuse('invalid', 'organisation.kind', `The kind must be one of ${ORGANISATION_KINDS.join(', ')}.`);
      return accept({ type: 'OrganisationRegistered', data: { organisation: command.organisation, names, kind: command.kind } });
    }
    case 'RenameOrganisation': {
      if (state.status === 'none') return refuse('not-found', 'organisation.not-found', 'There is no such organisation in the registry.');
      // A name left out keeps its value; an English name given as empty is removed.
      const merged: Partial<OrganisationNames> = { ...state.names, ...command.names };
      if (command.names && 'en' in command.names && !command.names.en?.trim()) delete merged.en;
      const names = cleanNames(merged);
      if (!names) return refuse('invalid', 'organisation.names-required', 'An organisation needs its name in Finnish and in Swedish.');
      const kind = command.kind ?? state.kind;
      if (!ORGANISATION_KINDS.includes(kind)) return refuse('invalid', 'organisation.kind', `The kind must be one of ${ORGANISATION_KINDS.join(', ')}.`);
      // Nothing changes: nothing to record (a retried rename is harmless).
      if (sameNames(names, state.names) && kind === state.kind) return accept();
      return accept({ type: 'OrganisationRenamed', data: { organisation: state.organisation, names, kind } });
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export const organisationDecider = { decide: decideOrganisation, evolve: evolveOrganisation, initialState: (): OrganisationState => ({ status: 'none' }) };
