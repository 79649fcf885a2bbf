import { typeormStore, type Projection } from '#projections';
import type { CampaignEvent } from '../domain/campaign.js';
import { CampaignView } from './campaign-view.entity.js';

export const campaignViewProjection: Projection<CampaignView> = {
  name: 'campaign-views',
  keyOf: (event) => (event.streamId.startsWith('campaign-') ? event.streamId.slice('campaign-'.length) : undefined),
  evolve: (row, recorded) => {
    const event = recorded as unknown as CampaignEvent;
    switch (event.type) {
      case 'CampaignOpened':
        return Object.assign(new CampaignView(), {
          id: event.data.campaignId,
          version: recorded.streamVersion,
          name: event.data.name,
          startsAt: new Date(event.data.startsAt),
          endsAt: new Date(event.data.endsAt),
          status: 'open',
          winner: null,
          closedAt: null,
          finalStandings: null,
        });
      case 'CampaignClosed':
        if (!row) return undefined;
        return {
          ...row,
          version: recorded.streamVersion,
          status: 'closed',
          winner: event.data.winner,
          closedAt: new Date(recorded.metadata.occurredAt),
          finalStandings: event.data.standings.map((s, i) => ({ rank: i + 1, sectors: {}, ...s })),
        };
      default:
        return row;
    }
  },
  store: typeormStore(CampaignView, 'id'),
  // The campaign as its coordinator reads it back after opening or closing it.
  inline: true,
};
