import { Module } from '@nestjs/common';
import { OrganisationsController } from './http/organisations.http.controller.js';

/** The organisation registry: ids as tokens carry them, names in Finnish, Swedish and English, and a kind. */
@Module({ controllers: [OrganisationsController] })
export class OrganisationsModule {}
