import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CatalogModule } from './catalog/catalog.module';
import { CharterModule } from './charter/charter.module';
import { ConsumersModule } from './consumers/consumers.module';
import { CooperativesModule } from './cooperatives/cooperatives.module';
import { CyclesModule, CycleWorkerModule } from './cycles/cycles.module';
import { HealthModule } from './health/health.module';
import { LogisticsModule } from './logistics/logistics.module';
import { MeModule } from './me/me.module';
import { CalendarFeedModule } from './calendar-feed/calendar-feed.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PartnershipsModule } from './partnerships/partnerships.module';
import { QueueModule, WorkerHostModule } from './queue/queue.module';
import { PledgesModule } from './pledges/pledges.module';
import { SeasonsModule } from './seasons/seasons.module';
import { SettlementApiModule } from './settlement/settlement.module';
import { TerritoriesModule } from './territories/territories.module';
import { UsersModule } from './users/users.module';

/** The HTTP feature modules, one folder each. */
export const apiFeatures = [
  QueueModule,
  NotificationsModule,
  AuthModule,
  UsersModule,
  HealthModule,
  TerritoriesModule,
  CooperativesModule,
  LogisticsModule,
  PartnershipsModule,
  CharterModule,
  AuditModule,
  ConsumersModule,
  CatalogModule,
  SeasonsModule,
  PledgesModule,
  CyclesModule,
  SettlementApiModule,
  MeModule,
  CalendarFeedModule,
];

/** Modules the worker role runs (queues and the cycle clock). */
// WorkerHostModule refuses to start while a job has no handler.
export const workerFeatures = [QueueModule, NotificationsModule, CycleWorkerModule, WorkerHostModule];
