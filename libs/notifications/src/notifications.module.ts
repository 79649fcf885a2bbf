import { Module } from '@nestjs/common';
import { NotificationsController } from './http/notifications.http.controller.js';

/** Notifications: preferences, the in-app feed. The processor is a projection; delivery runs beside the runner. */
@Module({ controllers: [NotificationsController] })
export class NotificationsModule {}
