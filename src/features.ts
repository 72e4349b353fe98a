import { AccountsModule } from './accounts/accounts.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CatalogModule } from './catalog/catalog.module';
import { CharterModule } from './charter/charter.module';
import { ConsumersModule } from './consumers/consumers.module';
import { CooperativesModule } from './cooperatives/cooperatives.module';
import { CyclesModule, CycleStagesModule, CycleWorkerModule } from './cycles/cycles.module';
import { AllocateStage } from './cycles/stages/allocate.stage';
import { ConfirmationRequestsStage } from './cycles/stages/confirmation-requests.stage';
import { LockStage } from './cycles/stages/lock.stage';
import { StageRunnerModule } from './cycles/stages/stage-runner.module';
import { DistributionModule } from './distribution/distribution.module';
import { DispatchModule, DispatchStageModule } from './dispatch/dispatch.module';
import { DispatchStage } from './dispatch/dispatch.stage';
import { HealthModule } from './health/health.module';
import { WorkerHeartbeatModule } from './health/worker-heartbeat.service';
import { LogisticsModule } from './logistics/logistics.module';
import { ManifestsModule } from './manifests/manifests.module';
import { MeModule } from './me/me.module';
import { CalendarFeedModule } from './calendar-feed/calendar-feed.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PartnershipsModule } from './partnerships/partnerships.module';
import { QueueModule, WorkerHostModule } from './queue/queue.module';
import { PledgesModule } from './pledges/pledges.module';
import { SeasonsModule } from './seasons/seasons.module';
import { SettleStage } from './settlement/settle.stage';
import { SettleStageModule, SettlementApiModule } from './settlement/settlement.module';
import { TerritoriesModule } from './territories/territories.module';
import { UsersModule } from './users/users.module';

/**
 * The monthly cycle's stages, each registered here once and keyed by the status it moves on
 * from (CycleStage.from). The stage runner knows them only through that interface.
 */
const cycleStages = StageRunnerModule.register({
  imports: [CycleStagesModule, DispatchStageModule, SettleStageModule],
  stages: [LockStage, ConfirmationRequestsStage, AllocateStage, DispatchStage, SettleStage],
});

/** The HTTP feature modules, one folder each. */
export const apiFeatures = [
  QueueModule,
  NotificationsModule,
  AuthModule,
  UsersModule,
  AccountsModule,
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
  DispatchModule,
  ManifestsModule,
  SettlementApiModule,
  DistributionModule,
  MeModule,
  CalendarFeedModule,
  cycleStages,
];

/** Modules the worker role runs (queues and the cycle clock). */
// WorkerHostModule refuses to start while a job has no handler.
export const workerFeatures = [
  QueueModule,
  NotificationsModule,
  cycleStages,
  CycleWorkerModule,
  WorkerHostModule,
  WorkerHeartbeatModule,
];
