import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

/** Gaala: award seasons, nominations, jury scoring, shortlists and awards. */
@Module({ imports: [CqrsModule] })
export class AwardsModule {}
