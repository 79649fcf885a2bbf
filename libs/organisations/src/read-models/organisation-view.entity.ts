import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per registered organisation: what pages, the catalogue and open data show instead of the id. */
@Entity({ name: 'organisations' })
export class OrganisationView {
  @PrimaryColumn('text') id: string;
  @Column('int') version: number;
  @Column('text', { name: 'name_fi' }) nameFi: string;
  @Column('text', { name: 'name_sv' }) nameSv: string;
  @Column('text', { name: 'name_en', nullable: true }) nameEn: string | null;
  @Column('text') kind: string;
  @Column('timestamptz', { name: 'registered_at' }) registeredAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
