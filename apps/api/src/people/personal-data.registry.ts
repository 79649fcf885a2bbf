// Which event fields are personal, and whose key seals them (docs/privacy.md explains the choices).
// One entry per event type; a new personal field is one more path, a new event type one more entry.
import type { PersonalDataRegistry } from '#event-store';

export const PERSONAL_DATA: PersonalDataRegistry = {
  // Ideas: media (photos, voice) can identify the submitter or commenter; comments and a withdrawal's reason
  // are free text a person wrote. The idea's own text is the organisation's work and stays (see privacy.md).
  IdeaSubmitted: { paths: ['data.media'], owner: 'data.submitter' },
  IdeaCommented: { paths: ['data.text', 'data.media'], owner: 'data.author' },
  // Only the submitter withdraws an idea, so the actor is the writer of the reason.
  IdeaWithdrawn: { paths: ['data.reason'], owner: 'metadata.actor.subject' },
  // Gaala: a nominated employee's name and unit, wherever the nominee is carried.
  NominationSubmitted: { paths: ['data.nominee.name', 'data.nominee.unit'], owner: 'data.nominee.person' },
  AwardGranted: { paths: ['data.nominee.name', 'data.nominee.unit'], owner: 'data.nominee.person' },
  AwardAnnounced: { paths: ['data.nominee.name', 'data.nominee.unit'], owner: 'data.nominee.person' },
  // A juror's free-text comments and conflict-of-interest details.
  NominationScored: { paths: ['data.comment'], owner: 'data.juror' },
  NominationScoreChanged: { paths: ['data.comment'], owner: 'data.juror' },
  JurorRecused: { paths: ['data.detail'], owner: 'data.juror' },
  // A merged duplicate's comments (and the uploads they carry), moved to the survivor: each sealed with its own author's key.
  DuplicateMerged: { each: 'data.comments', paths: ['text', 'media'], owner: 'author' },
  // Notifications: the address a person gave for their mail.
  NotificationPreferencesSet: { paths: ['data.email'], owner: 'data.person' },
};
