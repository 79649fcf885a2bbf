import { Module } from '@nestjs/common';
import { MediaController, MediaTargetResolver } from './media.http.controller.js';

/** Uploaded photos, voice notes and videos: checked, cleaned, sealed with the uploader's key, served by range. */
@Module({
  controllers: [MediaController],
  providers: [MediaTargetResolver],
})
export class MediaModule {}
