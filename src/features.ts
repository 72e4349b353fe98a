import { AuthModule } from './auth/auth.module';
import { CooperativesModule } from './cooperatives/cooperatives.module';
import { HealthModule } from './health/health.module';
import { LogisticsModule } from './logistics/logistics.module';
import { PledgesModule } from './pledges/pledges.module';
import { SeasonsModule } from './seasons/seasons.module';
import { TerritoriesModule } from './territories/territories.module';
import { UsersModule } from './users/users.module';

/** The HTTP feature modules, one folder each. */
export const apiFeatures = [AuthModule, UsersModule, HealthModule, TerritoriesModule, CooperativesModule, LogisticsModule, SeasonsModule, PledgesModule];

/** Modules the worker role runs (queues and the cycle clock). */
export const workerFeatures = [];
