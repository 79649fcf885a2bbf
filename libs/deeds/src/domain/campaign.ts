// The autumn campaign "Tekoja tiskiin": organisations publish deeds in a window; the most active wins.
import { accept, refuse, type Actor, type Decision } from '#platform';

export type CampaignOpened = { type: 'CampaignOpened'; data: { campaignId: string; name: string; startsAt: string; endsAt: string } };
export type CampaignClosed = {
  type: 'CampaignClosed';
  data: { campaignId: string; winner: string | null; standings: FinalStanding[] };
};
export type CampaignEvent = CampaignOpened | CampaignClosed;

export interface FinalStanding {
  organisation: string;
  deeds: number;
  reachedAt: string;
  sectors?: Record<string, number>;
}

export const campaignStreamId = (id: string): string => `campaign-${id}`;

export type CampaignCommand =
  | { type: 'OpenCampaign'; campaignId: string; name: string; startsAt: string; endsAt: string; actor: Actor }
  | { type: 'CloseCampaign'; standings: FinalStanding[]; now: Date; actor: Actor };

export type CampaignState = { status: 'none' } | { status: 'open' | 'closed'; campaignId: string; startsAt: string; endsAt: string };

export function evolveCampaign(state: CampaignState, event: CampaignEvent): CampaignState {
  switch (event.type) {
    case 'CampaignOpened':
      return { status: 'open', campaignId: event.data.campaignId, startsAt: event.data.startsAt, endsAt: event.data.endsAt };
    case 'CampaignClosed':
      return state.status === 'none' ? state : { ...state, status: 'closed' };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export function decideCampaign(command: CampaignCommand, state: CampaignState): Decision<CampaignEvent> {
  switch (command.type) {
    case 'OpenCampaign': {
      if (state.status !== 'none') return refuse('conflict', 'campaign.exists', 'This campaign already exists.');
      if (!command.name.trim()) return refuse('invalid', 'campaign.name-required', 'A campaign needs a name.');
      if (Date.parse(command.endsAt) <= Date.parse(command.startsAt)) return refuse('invalid', 'campaign.window-empty', 'The campaign must end after it starts.');
      const { campaignId, name, startsAt, endsAt } = command;
      return accept({ type: 'CampaignOpened', data: { campaignId, name, startsAt, endsAt } });
    }
    case 'CloseCampaign': {
      if (state.status === 'none') return refuse('not-found', 'campaign.not-found', 'There is no such campaign.');
      if (state.status === 'closed') return refuse('conflict', 'campaign.closed', 'The campaign has already been closed.');
      if (command.now.getTime() < Date.parse(state.endsAt)) return refuse('conflict', 'campaign.still-running', `The campaign runs until ${state.endsAt}; it can be closed after that.`);
      const winner = command.standings[0]?.organisation ?? null;
      return accept({ type: 'CampaignClosed', data: { campaignId: state.campaignId, winner, standings: command.standings } });
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export const campaignDecider = { decide: decideCampaign, evolve: evolveCampaign, initialState: (): CampaignState => ({ status: 'none' }) };

export interface PublicationFact {
  organisation: string;
  sector: string;
  publishedAt: Date;
}

/**
 * Ranks organisations by deeds first published inside the window. Ties go to the organisation that
 * reached its count first. Pure, so any past campaign can be recomputed from the events.
 */
export function rankStandings(facts: PublicationFact[], startsAt: Date, endsAt: Date) {
  const byOrg = new Map<string, { deeds: number; reachedAt: number; sectors: Record<string, number> }>();
  for (const fact of facts) {
    const t = fact.publishedAt.getTime();
    if (t < startsAt.getTime() || t >= endsAt.getTime()) continue;
    const entry = byOrg.get(fact.organisation) ?? { deeds: 0, reachedAt: 0, sectors: {} };
    entry.deeds += 1;
    entry.reachedAt = Math.max(entry.reachedAt, t);
    entry.sectors[fact.sector] = (entry.sectors[fact.sector] ?? 0) + 1;
    byOrg.set(fact.organisation, entry);
  }
  return [...byOrg.entries()]
    .sort(([a, x], [b, y]) => y.deeds - x.deeds || x.reachedAt - y.reachedAt || a.localeCompare(b))
    .map(([organisation, entry], i) => ({ rank: i + 1, organisation, deeds: entry.deeds, reachedAt: new Date(entry.reachedAt).toISOString(), sectors: entry.sectors }));
}
