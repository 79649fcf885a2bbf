// Names for ids: what other contexts use to show "Imatran kaupunki" where their rows hold "imatra".
import type { DataSource, EntityManager } from 'typeorm';
import type { OrganisationNames } from '../domain/organisation.events.js';
import { OrganisationView } from '../read-models/organisation-view.entity.js';

export interface Organisation {
  id: string;
  names: OrganisationNames;
  kind: string;
  version: number;
}

export const toOrganisation = (row: OrganisationView): Organisation => ({
  id: row.id,
  names: row.nameEn ? { fi: row.nameFi, sv: row.nameSv, en: row.nameEn } : { fi: row.nameFi, sv: row.nameSv },
  kind: row.kind,
  version: row.version,
});

/** The registered names of these ids (an id not registered is simply absent). */
export async function organisationNames(db: DataSource | EntityManager, ids: Iterable<string>): Promise<Map<string, OrganisationNames>> {
  const wanted = [...new Set(ids)].filter(Boolean);
  if (!wanted.length) return new Map();
  const rows = await db.getRepository(OrganisationView).createQueryBuilder('o').where('o.id IN (:...wanted)', { wanted }).getMany();
  return new Map(rows.map((r) => [r.id, toOrganisation(r).names]));
}
