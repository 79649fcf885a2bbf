// Topic names and which topic an event stream belongs to.

/** The public topics, one per bounded context. */
export const PUBLIC_TOPICS = ['ideas.v1', 'deeds.v1', 'awards.v1'] as const;
export type PublicTopic = (typeof PUBLIC_TOPICS)[number];

/**
 * Full domain events (the `RecordedEvent` envelope; personal fields sealed, see docs/privacy.md) for our own
 * projectors. Internal and access-controlled: never give other systems read access.
 */
export const INTERNAL_TOPIC = 'kehittamo.events.v1';

export interface TopicNames {
  public: Record<PublicTopic, string>;
  internal: string;
}

/** Topic names with an optional prefix (tests use one per run, so runs never see each other's messages). */
export function topicNames(prefix = ''): TopicNames {
  return {
    public: {
      'ideas.v1': `${prefix}ideas.v1`,
      'deeds.v1': `${prefix}deeds.v1`,
      'awards.v1': `${prefix}awards.v1`,
    },
    internal: `${prefix}${INTERNAL_TOPIC}`,
  };
}

/** Which public topic a stream's events go to, by the stream id's prefix. */
export function publicTopicOf(streamId: string): PublicTopic | undefined {
  if (streamId.startsWith('idea-')) return 'ideas.v1';
  if (streamId.startsWith('deed-') || streamId.startsWith('campaign-')) return 'deeds.v1';
  if (streamId.startsWith('award-')) return 'awards.v1';
  return undefined;
}
