// What is recorded about an organisation taking part: its names in the national languages and its kind.
export const ORGANISATION_KINDS = ['municipality', 'wellbeing-services-county', 'state-agency', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Names as the organisation itself writes them: Finnish and Swedish always, English when it has one. */
export interface OrganisationNames {
  fi: string;
  sv: string;
  en?: string;
}

export type OrganisationRegistered = {
  type: 'OrganisationRegistered';
  data: { organisation: string; names: OrganisationNames; kind: OrganisationKind };
};

export type OrganisationRenamed = {
  type: 'OrganisationRenamed';
  data: { organisation: string; names: OrganisationNames; kind: OrganisationKind };
};

export type OrganisationEvent = OrganisationRegistered | OrganisationRenamed;

/** The organisation's id is the one tokens carry (`org`) and URLs use; the stream is named after it. */
export const organisationStreamId = (organisation: string): string => `organisation-${organisation}`;
