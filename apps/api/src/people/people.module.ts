import { Module } from '@nestjs/common';
import { PeopleController } from './people.http.controller.js';
import { PeopleService } from './people.service.js';

/** A person's rights over their data: access and erasure, across every context. */
@Module({
  controllers: [PeopleController],
  providers: [PeopleService],
})
export class PeopleModule {}
