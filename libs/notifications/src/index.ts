// The notifications context's public entry point.
import { CreateNotifications1764500000100, NotificationAwardsInAnyOrder1764500000200, NotificationSupporters1765400000100 } from './read-models/notifications.migration.js';
import { notificationProjection } from './read-models/notification.projection.js';

export { NotificationsModule } from './notifications.module.js';
export * from './domain/preferences.js';
export * from './domain/templates.js';
export { notificationProjection, finnishDay, routeFor, handleEvent, usableAddress } from './read-models/notification.projection.js';
export { NotificationDelivery, forgetMailOf, withoutAddress, outboxDir, transportFor, lastDueDay, type DeliveryReport } from './delivery/notification-delivery.js';
export { OutboxTransport, SmtpTransport, PermanentMailError, type MailTransport, type OutgoingMail } from './delivery/mail-transport.js';

export const notificationsSchema = { entities: [] as Function[], migrations: [CreateNotifications1764500000100, NotificationAwardsInAnyOrder1764500000200, NotificationSupporters1765400000100] as Function[] };
export const notificationProjections = [notificationProjection];
